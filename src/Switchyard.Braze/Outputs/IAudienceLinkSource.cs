using Switchyard.Braze.Engine;

namespace Switchyard.Braze.Outputs;

/// <summary>The audiences connected to an audience output, read afresh at the start of each pass (the host keeps them).</summary>
public interface IAudienceLinkSource
{
    Task<IReadOnlyList<AudienceLink>> OfAsync(string outputId, CancellationToken cancellationToken);
}
