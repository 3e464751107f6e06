namespace Switchyard.Core.Workspace;

/// <summary>An output (a destination such as Braze) with its type's settings as JSON, validated by that output type.</summary>
public sealed record OutputDefinition(string Id, string Type, string SettingsJson)
{
    /// <summary>Settings hold secrets (REST keys): never printed.</summary>
    public override string ToString() => $"OutputDefinition {{ Id = {Id}, Type = {Type} }}";
}
