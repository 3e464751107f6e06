using System.Text;
using Switchyard.Core.Audiences;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;
using Switchyard.Core.Tests.Processing.Support;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

/// <summary>
/// <c>remove_from_wishlist</c> (the Web SDK's spelling) is an alias of <c>remove_from_wish_list</c> (the documented
/// one, reference/mparticle.md §1.4); the processor records either under the documented key.
/// </summary>
public sealed class CommerceActionAliasTests
{
    private const string RemoveFromWishList = """{"event":{"type":"commerce_event","action":"remove_from_wish_list"},"within_days":7}""";

    private const string RemoveFromWishlist = """{"event":{"type":"commerce_event","action":"remove_from_wishlist"},"within_days":7}""";

    [Theory]
    [InlineData("remove_from_wishlist")]
    [InlineData("remove_from_wish_list")]
    public void Both_spellings_of_the_action_match_a_recorded_removal_from_the_wish_list(string sent)
    {
        var catalog = AudienceCatalog.Create([Definition(RemoveFromWishList, id: 1), Definition(RemoveFromWishlist, id: 2)]);
        var body = $$$$"""
            {"environment":"production","user_identities":{"customer_id":"c1"},
             "events":[{"event_type":"commerce_event","data":{"timestamp_unixtime_ms":{{{{Now - DayMs}}}},"product_action":{"action":"{{{{sent}}}}"}}}]}
            """;
        var parsed = EventsApiParser.ParseBatch(Encoding.UTF8.GetBytes(body), new IngestParseOptions(DateTimeOffset.FromUnixTimeMilliseconds(Now)));
        Assert.True(parsed.IsSuccess);

        var store = new InMemoryProfileStore();
        using var session = store.BeginSession();
        var outcome = ProcessingHarness.Completed(new BatchProcessor(new ProcessingSettings()).ProcessAsync(session, parsed.Batches[0].Batch, Now, catalog, Now, default));

        Assert.Equal([1, 2], outcome.Changes.Where(c => c.Action == MembershipAction.Add).Select(c => c.AudienceId).Order());
    }

    [Theory]
    [MemberData(nameof(RecordedProductActions))]
    public void Every_product_action_the_processor_records_can_be_selected(string recorded) =>
        Assert.True(Matches($$$"""{"event":{"type":"commerce_event","action":"{{{recorded}}}"}}""", Profile().WithEvent(EventKeys.Commerce(recorded), DaysAgo(1))));

    public static TheoryData<string> RecordedProductActions() => [.. Enum.GetValues<ProductActionType>().Select(WireNames.Of)];

    [Fact]
    public void The_alias_reads_the_documented_key() =>
        Assert.True(Matches(RemoveFromWishlist, Profile().WithEvent(EventKeys.Commerce("remove_from_wish_list"), DaysAgo(1))));

    [Fact]
    public void The_alias_and_the_documented_spelling_share_the_event_attributes_they_need()
    {
        var catalog = AudienceCatalog.Create([Definition("""
            {"event":{"type":"commerce_event","action":"remove_from_wishlist"},"where":[{"attribute":"list","operator":"equals","value":"gifts"}]}
            """)]);

        Assert.Equal(["list"], catalog.EventAttributesNeeded(EventKeys.Commerce("remove_from_wish_list")));
    }
}
