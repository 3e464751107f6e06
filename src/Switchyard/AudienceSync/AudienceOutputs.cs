using Switchyard.Braze.Settings;
using Switchyard.Core.Workspace;

namespace Switchyard.AudienceSync;

/// <summary>The workspace's audience outputs (<see cref="OutputTypes.BrazeAudience"/>) with their validated settings.</summary>
internal sealed class AudienceOutputs
{
    private AudienceOutputs(IReadOnlyList<(string Id, BrazeAudienceSettings Settings)> all)
    {
        All = all;
        Ids = [.. all.Select(o => o.Id)];
    }

    public IReadOnlyList<(string Id, BrazeAudienceSettings Settings)> All { get; }

    public IReadOnlyList<string> Ids { get; }

    public bool Contains(string outputId) => Ids.Contains(outputId, StringComparer.Ordinal);

    public BrazeAudienceSettings? SettingsOf(string outputId) => All.FirstOrDefault(o => o.Id == outputId).Settings;

    /// <summary>Validates each audience output's settings; an invalid one stops start-up naming the output and the field.</summary>
    public static AudienceOutputs From(Workspace workspace)
    {
        var outputs = new List<(string, BrazeAudienceSettings)>();
        for (var i = 0; i < workspace.Outputs.Count; i++)
        {
            var output = workspace.Outputs[i];
            if (output.Type != OutputTypes.BrazeAudience)
            {
                continue;
            }

            var parsed = BrazeAudienceSettings.Parse(output.SettingsJson);
            if (parsed.Settings is not { } settings)
            {
                var error = parsed.Errors[0];
                throw new WorkspaceException($"outputs[{i}].settings{(error.Field.Length == 0 ? "" : "." + error.Field)}: {error.Message}");
            }

            outputs.Add((output.Id, settings));
        }

        return new AudienceOutputs(outputs);
    }

    /// <summary>
    /// Audience outputs that write <c>SegmentMembership</c> with the same Braze credentials overwrite each other (one
    /// attribute per user, reference/mparticle.md §3): one warning per such group.
    /// </summary>
    public IReadOnlyList<string> Warnings()
    {
        return [.. All
            .Where(o => o.Settings.SendSegmentsAs.HasFlag(SendSegmentsAs.String))
            .GroupBy(o => (o.Settings.RestApiKey, Endpoint: o.Settings.RestEndpoint.ToString()))
            .Where(g => g.Count() > 1)
            .Select(g => $"Audience outputs {string.Join(", ", g.Select(o => $"'{o.Id}'"))} send SegmentMembership (single string) with the same Braze REST key and endpoint: each overwrites the others' value. Use the single string form in at most one of them (the array and per-audience forms do not clash).")];
    }
}
