using Microsoft.Extensions.Logging;

namespace Switchyard.Sandbox.Tests.Support;

internal sealed record CapturedLog(LogLevel Level, int EventId, string Message, Exception? Exception);
