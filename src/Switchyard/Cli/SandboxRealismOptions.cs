using System.CommandLine;
using System.Globalization;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Cli;

/// <summary>
/// The sandbox verb's options that choose which Braze account it imitates: <c>--batch-rule</c>, <c>--array-cap</c> and
/// <c>--consistency-delay</c>.
/// Parsed here rather than by the library's converter so that a bad value is a usage error naming the option.
/// </summary>
internal static class SandboxRealismOptions
{
    public static Option<SandboxBatchRule> BatchRule() => new("--batch-rule")
    {
        Description = "How many objects one /users/track request may carry: combined75 (default, Braze's current rule), per-array75 (legacy accounts: 75 in each array) or combined50.",
        DefaultValueFactory = _ => SandboxBatchRule.Combined75,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (ParseBatchRule(text) is { } rule)
            {
                return rule;
            }

            result.AddError($"--batch-rule must be combined75, per-array75 or combined50, not '{text}'.");
            return SandboxBatchRule.Combined75;
        },
    };

    public static Option<int> ArrayCap() => new("--array-cap")
    {
        Description = $"Most values a custom attribute array keeps (the oldest are dropped beyond it): 1 to {SandboxSettings.MaxArrayAttributeCap}, default 25 (Braze's default; a workspace can raise it).",
        DefaultValueFactory = _ => 25,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var cap) && cap is >= 1 and <= SandboxSettings.MaxArrayAttributeCap)
            {
                return cap;
            }

            result.AddError($"--array-cap must be a whole number between 1 and {SandboxSettings.MaxArrayAttributeCap}, not '{text}'.");
            return 25;
        },
    };

    public static Option<int> ConsistencyDelay() => new("--consistency-delay")
    {
        Description = $"Milliseconds between a write and its visibility in /users/export/ids and segments, as Braze applies writes asynchronously: 0 (default, visible at once) to {SandboxSettings.MaxConsistencyDelay.TotalMilliseconds:0}.",
        DefaultValueFactory = _ => 0,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= SandboxSettings.MaxConsistencyDelay.TotalMilliseconds)
            {
                return ms;
            }

            result.AddError($"--consistency-delay must be a whole number of milliseconds between 0 and {SandboxSettings.MaxConsistencyDelay.TotalMilliseconds:0}, not '{text}'.");
            return 0;
        },
    };

    /// <summary>Accepts the documented spellings and the enum's names, in any case.</summary>
    internal static SandboxBatchRule? ParseBatchRule(string text) => text.ToUpperInvariant() switch
    {
        "COMBINED75" => SandboxBatchRule.Combined75,
        "PER-ARRAY75" or "PERARRAY75" => SandboxBatchRule.PerArray75,
        "COMBINED50" => SandboxBatchRule.Combined50,
        _ => null,
    };
}
