namespace Switchyard.Core.Audiences;

/// <summary>
/// The rules an edit of one audience must keep for the whole set, as <see cref="AudienceRule"/>s the store checks
/// inside the write's transaction: references made by <c>member_of</c> stay valid and unnested, and an audience used by
/// another is not deleted.
/// </summary>
public static class AudienceEditRules
{
    /// <summary>What is wrong with the set once <paramref name="definition"/> joins <paramref name="others"/>; empty when nothing.</summary>
    public static IReadOnlyList<AudienceValidationError> SetErrors(AudienceDefinition definition, IEnumerable<StoredAudience> others)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(others);
        var parsed = others.Where(a => a.Id != definition.Id).Select(a => AudienceDefinitionParser.Parse(a.DefinitionJson).Definition).OfType<AudienceDefinition>();
        return AudienceDefinitionParser.ValidateSet([.. parsed, definition]);
    }

    /// <summary>Writing <paramref name="definition"/> keeps the set valid.</summary>
    public static AudienceRule ForSave(AudienceDefinition definition) => (_, others) => SetErrors(definition, others);

    /// <summary>The ids of the stored audiences whose criteria use audience <paramref name="id"/> through <c>member_of</c>.</summary>
    public static IReadOnlyList<int> UsersOf(int id, IEnumerable<StoredAudience> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        return
        [
            .. others
                .Where(a => a.Id != id)
                .Select(a => AudienceDefinitionParser.Parse(a.DefinitionJson).Definition)
                .OfType<AudienceDefinition>()
                .Where(d => References(d.Criteria, id))
                .Select(d => d.Id),
        ];
    }

    /// <summary>Audience <paramref name="id"/> may go only while no other audience uses it.</summary>
    public static AudienceRule ForDelete(int id) => (_, others) => UsersOf(id, others) is { Count: > 0 } users
        ? [new AudienceValidationError("member_of", $"audience {id} is used by member_of in audience(s) {string.Join(", ", users)}; change those first.")]
        : [];

    private static bool References(Criterion criterion, int id) =>
        criterion.MemberOf == id
        || (criterion.And?.Any(c => References(c, id)) ?? false)
        || (criterion.Or?.Any(c => References(c, id)) ?? false)
        || (criterion.Not is { } not && References(not, id));
}
