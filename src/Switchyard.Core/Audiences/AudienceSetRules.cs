namespace Switchyard.Core.Audiences;

/// <summary>The rules that span definitions: unique ids and non-nested member_of references.</summary>
internal static class AudienceSetRules
{
    public static IReadOnlyList<AudienceValidationError> Check(
        IReadOnlyList<AudienceDefinition> definitions, IReadOnlyList<CriterionCompiler> compiled)
    {
        var errors = new List<AudienceValidationError>();
        var indexById = new Dictionary<int, int>();
        for (var i = 0; i < definitions.Count; i++)
        {
            foreach (var error in compiled[i].Errors)
            {
                errors.Add(error with { Path = Prefix(i, error.Path) });
            }

            var id = definitions[i]?.Id ?? 0;
            if (id > 0 && !indexById.TryAdd(id, i))
            {
                errors.Add(new AudienceValidationError(Prefix(i, "id"), $"audience {id} is defined twice (also at [{indexById[id]}])."));
            }
        }

        for (var i = 0; i < definitions.Count; i++)
        {
            foreach (var (audienceId, path) in compiled[i].MemberOf)
            {
                if (!indexById.TryGetValue(audienceId, out var target))
                {
                    errors.Add(new AudienceValidationError(Prefix(i, path), $"audience {audienceId} does not exist."));
                }
                else if (compiled[target].MemberOf.Count > 0)
                {
                    errors.Add(new AudienceValidationError(
                        Prefix(i, path),
                        $"audience {audienceId} uses member_of itself; audiences can only be nested one level deep (as in mParticle)."));
                }
            }
        }

        return errors;
    }

    private static string Prefix(int index, string path) => path.Length == 0 ? $"[{index}]" : $"[{index}].{path}";
}
