using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Mapping;

/// <summary>Keeps the example at the end of docs/braze-mapping.md true.</summary>
public sealed class DocumentedExampleTests
{
    [Fact]
    public void The_example_in_the_mapping_doc_is_what_the_mapper_produces()
    {
        var batch = Batch("""
            {"environment":"production","user_identities":{"customer_id":"c1"},"user_attributes":{"$FirstName":"Ann"},
             "events":[
               {"event_type":"custom_event","data":{"event_name":"Played","custom_event_type":"media","session_id":99,
                "timestamp_unixtime_ms":1767323045678,"custom_attributes":{"$song":"Intro"}}},
               {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":1767323045678,
                "product_action":{"action":"purchase","products":[{"id":"sku-1","name":"Shoe","price":49.99,"quantity":2}]}}}]}
            """);

        JsonEqual("""
            {"attributes":[{"external_id":"c1","first_name":"Ann"}],
             "events":[{"external_id":"c1","name":"Played","time":"2026-01-02T03:04:05.678Z","properties":{"song":"Intro","session_id":99}}],
             "purchases":[{"external_id":"c1","product_id":"sku-1","currency":"USD","price":49.99,"quantity":2,"time":"2026-01-02T03:04:05.678Z","properties":{"Name":"Shoe"}}]}
            """, Json(batch, Configured("\"forwardSessionEvents\":true")));
    }
}
