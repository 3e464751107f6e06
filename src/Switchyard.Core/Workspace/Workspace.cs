namespace Switchyard.Core.Workspace;

/// <summary>A validated, immutable workspace: what the service routes, loaded once at start-up.</summary>
public sealed record Workspace(IReadOnlyList<InputFeed> Inputs)
{
    public InputFeed? FindInputByKey(string key) => Inputs.FirstOrDefault(i => string.Equals(i.Key, key, StringComparison.Ordinal));
}
