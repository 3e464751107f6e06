namespace Switchyard.Sandbox.Tests.Track;

public sealed class EventAndPurchaseTests
{
    private readonly TrackHarness _sandbox = new();

    private string? EventError(string eventObject) =>
        _sandbox.Track($$"""{"events":[{{eventObject}}]}""").Errors.SingleOrDefault()?.Type;

    private string? PurchaseError(string purchaseObject) =>
        _sandbox.Track($$"""{"purchases":[{{purchaseObject}}]}""").Errors.SingleOrDefault()?.Type;

    [Fact]
    public void Events_are_counted_with_first_and_last_times()
    {
        _sandbox.Track("""
            {"events":[
              {"external_id":"u1","name":"login","time":"2026-01-05T00:00:00Z"},
              {"external_id":"u1","name":"login","time":"2026-01-01T00:00:00Z"},
              {"external_id":"u1","name":"login","time":"2026-01-09T00:00:00Z","properties":{"source":"web"}}]}
            """);

        var stats = _sandbox.User("u1").CustomEvents["login"];
        Assert.Equal(3, stats.Count);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), stats.First);
        Assert.Equal(new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.Zero), stats.Last);
        Assert.Equal(3, _sandbox.DataPoints);
    }

    [Fact]
    public void A_future_event_time_is_clamped_to_now()
    {
        _sandbox.Track("""{"events":[{"external_id":"u1","name":"e","time":"2099-01-01T00:00:00Z"}]}""");

        Assert.Equal(TrackHarness.Start, _sandbox.User("u1").CustomEvents["e"].Last);
    }

    [Theory]
    [InlineData("""{"external_id":"u1","time":"2026-01-01"}""")]
    [InlineData("""{"external_id":"u1","name":"","time":"2026-01-01"}""")]
    [InlineData("""{"external_id":"u1","name":"e"}""")]
    [InlineData("""{"external_id":"u1","name":"e","time":"yesterday"}""")]
    [InlineData("""{"external_id":"u1","name":"e","time":"2026-01-01","properties":{"time":"x"}}""")]
    [InlineData("""{"external_id":"u1","name":"e","time":"2026-01-01","properties":{"event_name":"x"}}""")]
    [InlineData("""{"external_id":"u1","name":"e","time":"2026-01-01","properties":{"$price":1}}""")]
    [InlineData("""{"external_id":"u1","name":"e","time":"2026-01-01","properties":[1]}""")]
    [InlineData("""{"name":"e","time":"2026-01-01"}""")]
    public void An_invalid_event_is_rejected(string eventObject)
    {
        Assert.NotNull(EventError(eventObject));
        Assert.Equal(0, _sandbox.DataPoints);
    }

    [Fact]
    public void A_reserved_property_name_is_named_in_the_error()
    {
        Assert.Equal(
            "'event_name' is a reserved property name",
            EventError("""{"external_id":"u1","name":"e","time":"2026-01-01","properties":{"event_name":"x"}}"""));
    }

    [Fact]
    public void A_purchase_quantity_is_stored_as_that_many_purchases_each_billed()
    {
        _sandbox.Track("""{"purchases":[{"external_id":"u1","product_id":"sku","currency":"EUR","price":9.99,"quantity":3,"time":"2026-01-01"}]}""");

        var purchases = _sandbox.User("u1").Purchases;
        Assert.Equal(3, purchases.Count);
        Assert.All(purchases, p => Assert.Equal(9.99m, p.Price));
        Assert.Equal(3, _sandbox.DataPoints);
    }

    [Fact]
    public void A_purchase_without_quantity_counts_once()
    {
        _sandbox.Track("""{"purchases":[{"external_id":"u1","product_id":"sku","currency":"usd","price":1,"time":"2026-01-01"}]}""");

        Assert.Equal("USD", Assert.Single(_sandbox.User("u1").Purchases).Currency);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("1.5")]
    [InlineData("\"2\"")]
    public void A_quantity_outside_1_to_100_is_not_valid(string quantity)
    {
        Assert.Equal(
            "'quantity' is not valid",
            PurchaseError($$"""{"external_id":"u1","product_id":"sku","currency":"EUR","price":1,"quantity":{{quantity}},"time":"2026-01-01"}"""));
    }

    [Theory]
    [InlineData("""{"external_id":"u1","currency":"EUR","price":1,"time":"2026-01-01"}""")]
    [InlineData("""{"external_id":"u1","product_id":"sku","currency":"EURO","price":1,"time":"2026-01-01"}""")]
    [InlineData("""{"external_id":"u1","product_id":"sku","currency":"XYZ","price":1,"time":"2026-01-01"}""")]
    [InlineData("""{"external_id":"u1","product_id":"sku","currency":"EUR","time":"2026-01-01"}""")]
    [InlineData("""{"external_id":"u1","product_id":"sku","currency":"EUR","price":"1","time":"2026-01-01"}""")]
    [InlineData("""{"external_id":"u1","product_id":"sku","currency":"EUR","price":1}""")]
    [InlineData("""{"external_id":"u1","product_id":"sku","currency":"EUR","price":1,"time":"2026-01-01","properties":{"time":1}}""")]
    public void An_invalid_purchase_is_rejected(string purchaseObject)
    {
        Assert.NotNull(PurchaseError(purchaseObject));
        Assert.Equal(0, _sandbox.DataPoints);
    }

    [Fact]
    public void Valid_objects_are_applied_when_others_in_the_request_fail()
    {
        var outcome = _sandbox.Track("""
            {"attributes":[{"first_name":"no id"},{"external_id":"u1","first_name":"A"}],
             "events":[{"external_id":"u1","name":"e","time":"2026-01-01"},{"external_id":"u1","name":"e"}]}
            """);

        Assert.Equal(1, outcome.AttributesProcessed);
        Assert.Equal(1, outcome.EventsProcessed);
        Assert.Collection(
            outcome.Errors,
            e => Assert.Equal(("attributes", 0), (e.InputArray, e.Index)),
            e => Assert.Equal(("events", 1), (e.InputArray, e.Index)));
        Assert.Equal(1, _sandbox.User("u1").CustomEvents["e"].Count);
    }
}
