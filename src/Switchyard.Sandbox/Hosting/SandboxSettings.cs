using System.Collections.Frozen;
using System.Security.Cryptography;
using Switchyard.Sandbox.Auth;

namespace Switchyard.Sandbox.Hosting;

/// <summary>The validated, immutable form of <see cref="SandboxOptions"/>.</summary>
internal sealed record SandboxSettings(
    int Port,
    bool ListenOnAnyAddress,
    string? DataDirectory,
    FrozenDictionary<string, FrozenSet<string>> ApiKeys,
    SandboxBatchRule BatchRule,
    int ArrayAttributeCap,
    string? ControlToken,
    bool RequireFieldsToExport = true,
    bool AcceptAnyKey = false,
    TimeSpan ConsistencyDelay = default)
{
    /// <summary>Web SDK keys accepted on <c>/api/v3/*</c>; never empty.</summary>
    public FrozenSet<string> SdkApiKeys { get; init; } = FrozenSet.Create(StringComparer.Ordinal, SandboxOptions.DefaultSdkApiKey);

    /// <summary>Origins allowed on <c>/api/v3/*</c>, normalised by <see cref="WebSdk.WebSdkOrigins"/>; empty = any.</summary>
    public FrozenSet<string> SdkAllowedOrigins { get; init; } = FrozenSet<string>.Empty;

    public const int MaxArrayAttributeCap = 1000;

    public const int MinControlTokenLength = 16;

    public static readonly TimeSpan MaxConsistencyDelay = TimeSpan.FromMinutes(10);

    public static SandboxSettings From(SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Port is < 0 or > 65535)
        {
            throw Invalid(nameof(SandboxOptions.Port), "must be between 0 and 65535");
        }

        if (!Enum.IsDefined(options.BatchRule))
        {
            throw Invalid(nameof(SandboxOptions.BatchRule), "is not a known batch rule");
        }

        if (options.ArrayAttributeCap is < 1 or > MaxArrayAttributeCap)
        {
            throw Invalid(nameof(SandboxOptions.ArrayAttributeCap), $"must be between 1 and {MaxArrayAttributeCap}");
        }

        if (options.ConsistencyDelay < TimeSpan.Zero || options.ConsistencyDelay > MaxConsistencyDelay)
        {
            throw Invalid(nameof(SandboxOptions.ConsistencyDelay), $"must be between 0 and {MaxConsistencyDelay.TotalMilliseconds:0} ms");
        }

        if (options.DataDirectory is { } dir && string.IsNullOrWhiteSpace(dir))
        {
            throw Invalid(nameof(SandboxOptions.DataDirectory), "must be null or a path");
        }

        if (options.ControlToken is { } token && (token.Length < MinControlTokenLength || token.Any(char.IsWhiteSpace)))
        {
            throw Invalid(nameof(SandboxOptions.ControlToken), $"must be at least {MinControlTokenLength} characters without white space");
        }

        var keys = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var field = $"{nameof(SandboxOptions.ApiKeys)}[{i}]";
            var apiKey = options.ApiKeys[i] ?? throw Invalid(field, "must not be null");
            if (string.IsNullOrWhiteSpace(apiKey.Key))
            {
                throw Invalid(field + ".Key", "must not be empty");
            }

            if (keys.ContainsKey(apiKey.Key))
            {
                throw Invalid(field + ".Key", "is listed twice");
            }

            foreach (var permission in apiKey.Permissions)
            {
                if (!SandboxPermissions.All.Contains(permission))
                {
                    throw Invalid(field + ".Permissions", $"contains unknown permission '{permission}'");
                }
            }

            keys[apiKey.Key] = (apiKey.Permissions.Count == 0 ? SandboxPermissions.All : apiKey.Permissions)
                .ToFrozenSet(StringComparer.Ordinal);
        }

        return new SandboxSettings(
            options.Port,
            options.ListenOnAnyAddress,
            options.DataDirectory,
            keys.ToFrozenDictionary(StringComparer.Ordinal),
            options.BatchRule,
            options.ArrayAttributeCap,
            // Reachable from other machines, the control API (reset, faults, where Currents go) is never left open.
            options.ControlToken ?? (options.ListenOnAnyAddress ? "control-" + RandomNumberGenerator.GetHexString(32, lowercase: true) : null),
            options.RequireFieldsToExport || options.Strict,
            options.AcceptAnyKey && !options.Strict,
            options.ConsistencyDelay)
        {
            SdkApiKeys = SdkKeys(options),
            SdkAllowedOrigins = SdkOrigins(options),
        };
    }

    private static FrozenSet<string> SdkKeys(SandboxOptions options)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.SdkApiKeys.Count; i++)
        {
            var key = options.SdkApiKeys[i];
            if (string.IsNullOrWhiteSpace(key) || key.Any(char.IsWhiteSpace))
            {
                throw Invalid($"{nameof(SandboxOptions.SdkApiKeys)}[{i}]", "must be a key without white space");
            }

            keys.Add(key);
        }

        return (keys.Count == 0 ? [SandboxOptions.DefaultSdkApiKey] : keys).ToFrozenSet(StringComparer.Ordinal);
    }

    private static FrozenSet<string> SdkOrigins(SandboxOptions options)
    {
        var origins = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.SdkAllowedOrigins.Count; i++)
        {
            if (WebSdk.WebSdkOrigins.Normalize(options.SdkAllowedOrigins[i]) is not { } origin)
            {
                throw Invalid($"{nameof(SandboxOptions.SdkAllowedOrigins)}[{i}]", "must be an origin such as https://shop.example or http://127.0.0.1:3000");
            }

            origins.Add(origin);
        }

        return origins.ToFrozenSet(StringComparer.Ordinal);
    }

    private static ArgumentException Invalid(string field, string problem) =>
        new($"SandboxOptions.{field} {problem}.", field);
}
