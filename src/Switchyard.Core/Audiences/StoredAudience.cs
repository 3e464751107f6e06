namespace Switchyard.Core.Audiences;

public sealed record StoredAudience(int Id, string DefinitionJson, long UpdatedAtMs);
