using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Sandbox.Currents;

/// <summary>The validated, frozen Currents part of <see cref="SandboxOptions"/>.</summary>
internal sealed record CurrentsSettings(
    CurrentsConnector? StartupConnector,
    string? DataDirectory,
    int QueueCapacity,
    TimeSpan InitialBackoff,
    TimeSpan MaxBackoff,
    TimeSpan RequestTimeout,
    string AppGroupId,
    bool AllowRemoteTargets)
{
    public const int MaxQueueCapacity = 10_000_000;

    /// <summary>mParticle's limit for <c>/v2/bulkevents</c> (reference/mparticle.md §1.1).</summary>
    public const int MaxBatchesPerRequest = 100;

    /// <summary>mParticle's limit on one Events API request body (reference/mparticle.md §1.1); larger is refused with 413.</summary>
    public const int MaxRequestBytes = 256 * 1024;

    /// <summary>How many simulated sends <c>GET /_sandbox/currents</c> lists (oldest forgotten first).</summary>
    public const int CampaignHistory = 1_000;

    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public static CurrentsSettings From(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var currents = options.Currents ?? throw Invalid(nameof(SandboxOptions.Currents), "must not be null");
        if (currents.QueueCapacity is < 1 or > MaxQueueCapacity)
        {
            throw Invalid($"{nameof(SandboxOptions.Currents)}.{nameof(currents.QueueCapacity)}", $"must be between 1 and {MaxQueueCapacity}");
        }

        if (currents.InitialBackoff <= TimeSpan.Zero || currents.InitialBackoff > TimeSpan.FromMinutes(10))
        {
            throw Invalid($"{nameof(SandboxOptions.Currents)}.{nameof(currents.InitialBackoff)}", "must be more than 0 and at most 10 minutes");
        }

        if (currents.MaxBackoff < currents.InitialBackoff || currents.MaxBackoff > TimeSpan.FromHours(1))
        {
            throw Invalid($"{nameof(SandboxOptions.Currents)}.{nameof(currents.MaxBackoff)}", "must be at least InitialBackoff and at most 1 hour");
        }

        if (currents.RequestTimeout <= TimeSpan.Zero || currents.RequestTimeout > TimeSpan.FromMinutes(10))
        {
            throw Invalid($"{nameof(SandboxOptions.Currents)}.{nameof(currents.RequestTimeout)}", "must be more than 0 and at most 10 minutes");
        }

        if (string.IsNullOrWhiteSpace(currents.AppGroupId))
        {
            throw Invalid($"{nameof(SandboxOptions.Currents)}.{nameof(currents.AppGroupId)}", "must not be empty");
        }

        CurrentsConnector? connector = null;
        if (options.CurrentsConnector is { } given)
        {
            var errors = new List<FieldError>();
            var environment = given.Environment switch
            {
                SandboxCurrentsEnvironment.Production => CurrentsConnector.Production,
                SandboxCurrentsEnvironment.Development => CurrentsConnector.Development,
                _ => "unknown",
            };
            connector = CurrentsConnector.Create(given.Url?.OriginalString, given.ApiKey, given.ApiSecret, environment, options.AllowRemoteCurrents, "", errors);
            if (connector is null)
            {
                var field = errors[0].Field switch
                {
                    "url" => "Url",
                    "api_key" => "ApiKey",
                    "api_secret" => "ApiSecret",
                    _ => "Environment",
                };
                throw Invalid($"{nameof(SandboxOptions.CurrentsConnector)}.{field}", errors[0].Message);
            }
        }

        return new CurrentsSettings(
            connector,
            options.Control?.DataDirectory ?? options.DataDirectory,
            currents.QueueCapacity,
            currents.InitialBackoff,
            currents.MaxBackoff,
            currents.RequestTimeout,
            currents.AppGroupId,
            options.AllowRemoteCurrents);
    }

    private static ArgumentException Invalid(string field, string problem) =>
        new($"SandboxOptions.{field} {problem}.", field);
}
