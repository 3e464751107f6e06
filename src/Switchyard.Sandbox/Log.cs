using Microsoft.Extensions.Logging;

namespace Switchyard.Sandbox;

/// <summary>All sandbox log messages. Never pass a REST key or a payload.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug, Message = "Track request processed: {Attributes} attributes, {Events} events, {Purchases} purchases, {Errors} rejected objects")]
    public static partial void TrackProcessed(ILogger logger, int attributes, int events, int purchases, int errors);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Sandbox state loaded: {Users} users from {Path}")]
    public static partial void StateLoaded(ILogger logger, int users, string path);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Sandbox reset")]
    public static partial void Reset(ILogger logger);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Sandbox listening on {Address}")]
    public static partial void Listening(ILogger logger, string address);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Debug, Message = "{Endpoint} processed {Count} items")]
    public static partial void UserCommandProcessed(ILogger logger, string endpoint, int count);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "Unhandled exception while answering {Method} {Path}")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Debug, Message = "Bad request {Method} {Path} answered {StatusCode}")]
    public static partial void BadRequest(ILogger logger, string method, string path, int statusCode);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "Currents delivery of {Count} batches to {Host} failed ({Error}); retrying in {BackoffMs} ms")]
    public static partial void CurrentsRetrying(ILogger logger, int count, string host, string error, double backoffMs);

    [LoggerMessage(EventId = 7009, Level = LogLevel.Warning, Message = "Currents delivery of {Count} batches to {Host} refused with {Status}; the batches are dropped")]
    public static partial void CurrentsDropped(ILogger logger, int count, string host, int status);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Debug, Message = "Currents delivered {Count} batches to {Host}")]
    public static partial void CurrentsDelivered(ILogger logger, int count, string host);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Debug, Message = "{Method} {Path}: the client went away before the answer")]
    public static partial void ClientLeft(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "The kept Currents connector points at {Host}, another machine; it is not used. Start the sandbox with --allow-remote-currents (SandboxOptions.AllowRemoteCurrents) to use it, or set a loopback one")]
    public static partial void RemoteConnectorIgnored(ILogger logger, string host);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Warning, Message = "The sandbox data directory {DataDirectory} is open to other users (mode {Mode}); its files are private (0600), but consider chmod 700")]
    public static partial void DataDirectoryOpenToOthers(ILogger logger, string dataDirectory, string mode);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Web SDK data applied: {Attributes} attribute objects, {Events} events, {Purchases} purchases, {Sessions} session starts")]
    public static partial void WebSdkDataApplied(ILogger logger, int attributes, int events, int purchases, int sessions);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug, Message = "Web SDK request to {Path} refused: {Reason}")]
    public static partial void WebSdkRefused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "Web SDK {Method} {Path} from an origin that is not allowed answered 403")]
    public static partial void WebSdkOriginRefused(ILogger logger, string method, string path);
}
