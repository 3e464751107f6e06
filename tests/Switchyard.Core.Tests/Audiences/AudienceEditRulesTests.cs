using Switchyard.Core.Audiences;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

/// <summary>The rules an edit keeps for the whole set, as the store runs them against what it holds.</summary>
public sealed class AudienceEditRulesTests
{
    private static StoredAudience Stored(string criteriaJson, int id) =>
        new(id, AudienceDefinitionParser.Serialize(Definition(criteriaJson, id)), 0);

    [Fact]
    public void A_save_that_refers_to_a_stored_audience_passes_and_one_that_nests_member_of_is_refused()
    {
        IReadOnlyList<StoredAudience> stored = [Stored("""{"identity":"email"}""", 1), Stored("""{"member_of":1}""", 2)];

        Assert.Empty(AudienceEditRules.ForSave(Definition("""{"member_of":1}""", id: 3))(null, stored));
        var nested = Assert.Single(AudienceEditRules.ForSave(Definition("""{"member_of":2}""", id: 3))(null, stored));
        Assert.Contains("audience 2 uses member_of itself", nested.Message, StringComparison.Ordinal);
        var missing = Assert.Single(AudienceEditRules.ForSave(Definition("""{"member_of":9}""", id: 3))(null, stored));
        Assert.Contains("audience 9 does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_save_replaces_its_own_stored_version_instead_of_counting_it_twice()
    {
        IReadOnlyList<StoredAudience> stored = [Stored("""{"identity":"email"}""", 1), Stored("""{"identity":"other"}""", 4)];

        Assert.Empty(AudienceEditRules.SetErrors(Definition("""{"member_of":1}""", id: 4), stored));
    }

    [Fact]
    public void An_audience_used_by_others_through_member_of_is_not_deleted_and_the_refusal_names_them()
    {
        IReadOnlyList<StoredAudience> stored =
        [
            Stored("""{"and":[{"member_of":1},{"identity":"email"}]}""", 2),
            Stored("""{"not":{"member_of":1}}""", 3),
            Stored("""{"identity":"other"}""", 4),
        ];

        Assert.Equal([2, 3], AudienceEditRules.UsersOf(1, stored));
        var refusal = Assert.Single(AudienceEditRules.ForDelete(1)(null, stored));
        Assert.Equal("member_of: audience 1 is used by member_of in audience(s) 2, 3; change those first.", refusal.ToString());
        Assert.Empty(AudienceEditRules.ForDelete(4)(null, stored));
    }
}
