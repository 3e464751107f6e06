using Switchyard.Core.Audiences;
using Switchyard.Core.Profiles;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

public sealed class CatalogTests
{
    private static readonly AudienceCatalog Catalog = AudienceCatalog.Create([
        Definition("""{"event":{"type":"custom_event","name":"Played"},"where":[{"attribute":"genre","operator":"equals","value":"jazz"}]}""", id: 1),
        Definition("""{"not":{"event":{"type":"custom_event"},"within_days":3,"where":[{"attribute":"source","operator":"exists"}]}}""", id: 2),
        Definition("""{"event":{"type":"commerce_event","action":"purchase"},"where":[{"attribute":"coupon","operator":"exists"},{"attribute":"genre","operator":"exists"}]}""", id: 3),
        Definition("""{"event":{"type":"session_start"},"where":[{"attribute":"Campaign","operator":"pattern","value":"x*"}]}""", id: 4),
        Definition("""{"and":[{"attribute":"plan","operator":"exists"},{"event":{"type":"screen_view","name":"Home"}}]}""", id: 5),
    ]);

    [Fact]
    public void A_named_event_needs_its_own_and_its_types_where_attributes() =>
        Assert.Equal(["genre", "source"], Catalog.EventAttributesNeeded(EventKeys.Custom("Played")).Order());

    [Fact]
    public void Another_event_of_the_type_needs_only_the_types_where_attributes() =>
        Assert.Equal(["source"], Catalog.EventAttributesNeeded(EventKeys.Custom("Paused")).Order());

    [Fact]
    public void Commerce_and_plain_events_need_their_where_attributes()
    {
        Assert.Equal(["coupon", "genre"], Catalog.EventAttributesNeeded(EventKeys.Commerce("purchase")).Order());
        Assert.Equal(["Campaign"], Catalog.EventAttributesNeeded(EventKeys.OfType("session_start")));
    }

    [Theory]
    [InlineData("screen_view:Home")]
    [InlineData("commerce_event:add_to_cart")]
    [InlineData("session_end")]
    [InlineData("")]
    [InlineData(":")]
    public void Events_without_where_conditions_need_nothing(string key) =>
        Assert.Empty(Catalog.EventAttributesNeeded(key));

    [Fact]
    public void Rolling_windows_make_an_audience_and_those_that_read_its_membership_time_dependent()
    {
        var catalog = AudienceCatalog.Create([
            Definition("""{"event":{"type":"session_start"},"within_days":7}""", id: 1),
            Definition("""{"or":[{"identity":"email"},{"not":{"event":{"type":"session_start"},"within_days":30}}]}""", id: 2),
            Definition("""{"event":{"type":"session_start"}}""", id: 3),
            Definition("""{"attribute":"plan","operator":"exists"}""", id: 4),
            Definition("""{"and":[{"member_of":1},{"member_of":4}]}""", id: 5),
            Definition("""{"member_of":4}""", id: 6),
        ]);
        Assert.Equal([1, 2, 5], catalog.TimeDependentAudiences.Order());
    }

    [Fact]
    public void Date_ranges_are_time_dependent_until_their_last_day_ends()
    {
        var definitions = new[]
        {
            Definition("""{"event":{"type":"session_start"},"between":{"from":"2026-03-01","to":"2026-03-15"}}""", id: 1),
            Definition("""{"event":{"type":"session_start"},"between":{"from":"2026-03-01","to":"2026-03-14"}}""", id: 2),
            Definition("""{"or":[{"event":{"type":"session_start"},"between":{"from":"2025-01-01","to":"2025-01-02"}},{"event":{"type":"session_end"},"between":{"from":"2026-04-01","to":"2026-04-02"}}]}""", id: 3),
        };

        Assert.Equal([1, 3], AudienceCatalog.Create(definitions, Now).TimeDependentAudiences.Order());
        var endOfMarch15 = Now + (12 * 3_600_000);
        Assert.Equal([3], AudienceCatalog.Create(definitions, endOfMarch15).TimeDependentAudiences.Order());
        Assert.Equal([1, 2, 3], AudienceCatalog.Create(definitions).TimeDependentAudiences.Order());
    }

    [Fact]
    public void The_catalog_keeps_its_definitions_and_an_empty_profile_matches_only_exclusions()
    {
        Assert.Equal([1, 2, 3, 4, 5], Catalog.Definitions.Select(d => d.Id));
        Assert.Equal([2], Catalog.Evaluate(Profile(), Now));
    }
}
