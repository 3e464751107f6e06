using Switchyard.Braze.Mapping;
using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Mapping;

public sealed class CommerceMappingTests
{
    private const string Products = """
        [{"id":"sku-1","name":"Shoe","brand":"Acme","category":"Shoes","variant":"red","price":49.99,"quantity":2,"total_product_amount":99.98,
          "custom_attributes":{"$size":"42","tags":["a"]}},
         {"id":"sku-2","name":"Sock","price":5,"quantity":1}]
        """;

    // These tests read amounts as numbers (commerceAmountsAs: number); the default string form has tests of its own below.
    private static Braze.Settings.BrazeOutputSettings Numbers => Configured("\"commerceAmountsAs\":\"number\"");

    private static Braze.Settings.BrazeOutputSettings Bundled => Configured("\"bundleCommerceEventData\":true,\"commerceAmountsAs\":\"number\"");

    private static string ProductAction(string action, string extra = "") => """
        {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":1767323045678,"custom_attributes":{"campaign":"winter"}@extra,
         "product_action":{"action":"@action","transaction_id":"t-9","total_amount":110.98,"tax_amount":6,"shipping_amount":5,"products":@products}}}
        """.Replace("@action", action, StringComparison.Ordinal).Replace("@extra", extra, StringComparison.Ordinal).Replace("@products", Products, StringComparison.Ordinal);

    [Fact]
    public void An_unbundled_purchase_becomes_one_braze_purchase_per_product_in_usd_by_default()
    {
        var update = Update(WithEvents(ProductAction("purchase")), Numbers);

        JsonEqual("""
            {"purchases":[
              {"external_id":"c1","product_id":"sku-1","currency":"USD","price":49.99,"quantity":2,"time":"2026-01-02T03:04:05.678Z",
               "properties":{"Transaction Id":"t-9","Total Amount":110.98,"Shipping Amount":5,"Tax Amount":6,"Name":"Shoe","Category":"Shoes",
                 "Brand":"Acme","Total Product Amount":99.98,"size":"42","campaign":"winter"}},
              {"external_id":"c1","product_id":"sku-2","currency":"USD","price":5,"quantity":1,"time":"2026-01-02T03:04:05.678Z",
               "properties":{"Transaction Id":"t-9","Total Amount":110.98,"Shipping Amount":5,"Tax Amount":6,"Name":"Sock","campaign":"winter"}}]}
            """, update);
        var warning = Assert.Single(update.Warnings);
        Assert.Equal((BrazeWarningKind.UnsupportedValue, "tags"), (warning.Kind, warning.Name));
    }

    [Fact]
    public void A_purchase_takes_the_events_currency_code()
    {
        var update = Update(WithEvents(ProductAction("purchase", ",\"currency_code\":\"EUR\"")), Numbers);

        Assert.All(update.Purchases, p => Assert.Equal("EUR", p.Currency));
    }

    [Fact]
    public void A_bundled_purchase_is_one_ecommerce_purchase_priced_at_the_revenue_with_nested_products()
    {
        JsonEqual("""
            {"purchases":[{"external_id":"c1","product_id":"eCommerce - purchase","currency":"USD","price":110.98,"quantity":1,"time":"2026-01-02T03:04:05.678Z",
              "properties":{"Transaction Id":"t-9","Total Amount":110.98,"Shipping Amount":5,"Tax Amount":6,
                "products":[
                  {"Id":"sku-1","Price":49.99,"Quantity":2,"Name":"Shoe","Category":"Shoes","Brand":"Acme","Total Product Amount":99.98,"Variant":"red","Attributes":{"size":"42"}},
                  {"Id":"sku-2","Price":5,"Quantity":1,"Name":"Sock"}],
                "Attributes":{"campaign":"winter"}}}]}
            """, Json(WithEvents(ProductAction("purchase")), Bundled));
    }

    [Fact]
    public void A_bundled_purchase_without_a_total_is_priced_at_the_sum_of_its_products()
    {
        var batch = WithEvents("""
            {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":1767323045678,
             "product_action":{"action":"purchase","products":[{"id":"a","price":2.5,"quantity":2},{"id":"b","price":1}]}}}
            """);

        Assert.Equal(6m, Assert.Single(Update(batch, Bundled).Purchases).Price);
    }

    [Fact]
    public void Another_product_action_unbundled_is_one_item_event_per_product()
    {
        var update = Update(WithEvents(ProductAction("add_to_cart")), Numbers);

        Assert.Empty(update.Purchases);
        JsonEqual("""
            {"events":[
              {"external_id":"c1","name":"eCommerce - add_to_cart - Item","time":"2026-01-02T03:04:05.678Z",
               "properties":{"Id":"sku-1","Price":49.99,"Quantity":2,"Name":"Shoe","Category":"Shoes","Brand":"Acme","Total Product Amount":99.98,
                 "Transaction Id":"t-9","Total Amount":110.98,"Shipping Amount":5,"Tax Amount":6,"size":"42","campaign":"winter"}},
              {"external_id":"c1","name":"eCommerce - add_to_cart - Item","time":"2026-01-02T03:04:05.678Z",
               "properties":{"Id":"sku-2","Price":5,"Quantity":1,"Name":"Sock","Transaction Id":"t-9","Total Amount":110.98,"Shipping Amount":5,"Tax Amount":6,"campaign":"winter"}}]}
            """, update);
    }

    [Fact]
    public void Another_product_action_bundled_is_one_ecommerce_event_with_nested_products()
    {
        var update = Update(WithEvents(ProductAction("remove_from_wish_list")), Bundled);

        var e = Assert.Single(update.Events);
        Assert.Equal("eCommerce - remove_from_wish_list", e.Name);
        Assert.Equal(["Transaction Id", "Total Amount", "Shipping Amount", "Tax Amount", "products", "Attributes"], e.Properties.Select(p => p.Name));
        Assert.Equal(2, Assert.IsType<BrazeArray>(e.Properties[4].Value).Items.Count);
    }

    [Fact]
    public void An_unbundled_refund_is_an_item_event_per_product_and_a_total_event()
    {
        var update = Update(WithEvents(ProductAction("refund")), Numbers);

        Assert.Equal(["eCommerce - refund - Item", "eCommerce - refund - Item", "eCommerce - refund - Total"], update.Events.Select(e => e.Name));
        JsonEqual("""
            {"external_id":"c1","name":"eCommerce - refund - Total","time":"2026-01-02T03:04:05.678Z",
             "properties":{"Transaction Id":"t-9","Total Amount":110.98,"Shipping Amount":5,"Tax Amount":6,"campaign":"winter"}}
            """, EventJson(update, 2));
    }

    [Fact]
    public void A_bundled_refund_is_one_ecommerce_refund_event()
    {
        Assert.Equal(["eCommerce - refund"], Update(WithEvents(ProductAction("refund")), Bundled).Events.Select(e => e.Name));
    }

    private const string Promotions = """
        {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":1767323045678,
         "promotion_action":{"action":"click","promotions":[{"id":"p1","name":"Winter","creative":"banner","position":"top"},{"id":"p2"}]}}}
        """;

    [Fact]
    public void Unbundled_promotions_are_one_item_event_per_promotion()
    {
        JsonEqual("""
            {"events":[
              {"external_id":"c1","name":"eCommerce - promotion_click - Item","time":"2026-01-02T03:04:05.678Z",
               "properties":{"Id":"p1","Name":"Winter","Creative":"banner","Position":"top"}},
              {"external_id":"c1","name":"eCommerce - promotion_click - Item","time":"2026-01-02T03:04:05.678Z","properties":{"Id":"p2"}}]}
            """, Json(WithEvents(Promotions), Numbers));
    }

    [Fact]
    public void Bundled_promotions_are_one_event_with_nested_promotions()
    {
        JsonEqual("""
            {"events":[{"external_id":"c1","name":"eCommerce - promotion_click","time":"2026-01-02T03:04:05.678Z",
              "properties":{"promotions":[{"Id":"p1","Name":"Winter","Creative":"banner","Position":"top"},{"Id":"p2"}]}}]}
            """, Json(WithEvents(Promotions), Bundled));
    }

    private const string Impressions = """
        {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":1767323045678,
         "product_impressions":[{"product_impression_list":"Search","products":[{"id":"sku-1","name":"Shoe","price":49.99}]}]}}
        """;

    [Fact]
    public void Unbundled_impressions_are_one_item_event_per_impressed_product()
    {
        JsonEqual("""
            {"events":[{"external_id":"c1","name":"eCommerce - impression - Item","time":"2026-01-02T03:04:05.678Z",
              "properties":{"Product Impression List":"Search","Id":"sku-1","Price":49.99,"Name":"Shoe"}}]}
            """, Json(WithEvents(Impressions), Numbers));
    }

    [Fact]
    public void Bundled_impressions_are_one_event_with_nested_impressions_and_products()
    {
        JsonEqual("""
            {"events":[{"external_id":"c1","name":"eCommerce - impression","time":"2026-01-02T03:04:05.678Z",
              "properties":{"impressions":[{"Product Impression List":"Search","products":[{"Id":"sku-1","Price":49.99,"Name":"Shoe"}]}]}}]}
            """, Json(WithEvents(Impressions), Bundled));
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("2.5", 3)]
    [InlineData("250", 100)]
    public void A_purchase_quantity_outside_whole_numbers_1_to_100_is_brought_into_range_and_counted(string quantity, int expected)
    {
        var batch = WithEvents("""
            {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":1767323045678,
             "product_action":{"action":"purchase","products":[{"id":"a","price":1,"quantity":@q}]}}}
            """.Replace("@q", quantity, StringComparison.Ordinal));

        var update = Update(batch, Numbers);

        Assert.Equal(expected, Assert.Single(update.Purchases).Quantity);
        Assert.Equal(BrazeWarningKind.QuantityAdjusted, Assert.Single(update.Warnings).Kind);
    }

    [Fact]
    public void A_purchased_product_without_an_id_uses_its_name_and_without_either_is_dropped_and_counted()
    {
        var batch = WithEvents("""
            {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":1767323045678,
             "product_action":{"action":"purchase","products":[{"name":"Named","price":1},{"price":2}]}}}
            """);

        var update = Update(batch, Numbers);

        Assert.Equal("Named", Assert.Single(update.Purchases).ProductId);
        Assert.Equal(BrazeWarningKind.MissingProductId, Assert.Single(update.Warnings).Kind);
    }

    [Fact]
    public void By_default_amounts_are_sent_as_the_decimal_strings_mparticles_mapping_table_lists_while_the_purchase_price_stays_a_number()
    {
        var update = Update(WithEvents(ProductAction("purchase")));

        JsonEqual("""
            {"purchases":[
              {"external_id":"c1","product_id":"sku-1","currency":"USD","price":49.99,"quantity":2,"time":"2026-01-02T03:04:05.678Z",
               "properties":{"Transaction Id":"t-9","Total Amount":"110.98","Shipping Amount":"5","Tax Amount":"6","Name":"Shoe","Category":"Shoes",
                 "Brand":"Acme","Total Product Amount":"99.98","size":"42","campaign":"winter"}},
              {"external_id":"c1","product_id":"sku-2","currency":"USD","price":5,"quantity":1,"time":"2026-01-02T03:04:05.678Z",
               "properties":{"Transaction Id":"t-9","Total Amount":"110.98","Shipping Amount":"5","Tax Amount":"6","Name":"Sock","campaign":"winter"}}]}
            """, update);
    }

    [Fact]
    public void Nested_product_prices_follow_the_amount_setting_too_and_quantities_stay_numbers()
    {
        var bundled = Json(WithEvents(ProductAction("add_to_cart")), Configured("\"bundleCommerceEventData\":true"));

        Assert.Contains("\"Price\":\"49.99\",\"Quantity\":2", bundled, StringComparison.Ordinal);
        Assert.Contains("\"Total Amount\":\"110.98\"", bundled, StringComparison.Ordinal);
    }

    private static string EventJson(BrazeUserUpdate update, int index)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            BrazeTrackJson.WriteEvent(writer, update, update.Events[index]);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
