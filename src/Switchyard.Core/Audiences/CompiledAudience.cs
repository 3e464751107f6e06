namespace Switchyard.Core.Audiences;

internal sealed record CompiledAudience(int Id, CriterionNode Criteria);
