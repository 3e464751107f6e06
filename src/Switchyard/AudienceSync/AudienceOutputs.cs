using Switchyard.Core.Workspace;

namespace Switchyard.AudienceSync;

/// <summary>The workspace's audience outputs (<see cref="OutputTypes.BrazeAudience"/>).</summary>
internal sealed class AudienceOutputs
{
    private AudienceOutputs(IReadOnlyList<string> ids) => Ids = ids;

    public IReadOnlyList<string> Ids { get; }

    public bool Contains(string outputId) => Ids.Contains(outputId, StringComparer.Ordinal);

    public static AudienceOutputs From(Workspace workspace) =>
        new([.. workspace.Outputs.Where(o => o.Type == OutputTypes.BrazeAudience).Select(o => o.Id)]);
}
