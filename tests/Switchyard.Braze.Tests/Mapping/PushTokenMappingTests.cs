using Switchyard.Braze.Mapping;
using static Switchyard.Braze.Tests.Mapping.Fixtures;

namespace Switchyard.Braze.Tests.Mapping;

public sealed class PushTokenMappingTests
{
    private static Braze.Settings.BrazeOutputSettings WithAppKey(string os = "") =>
        Configured("\"appIdentifierApiKey\":\"app-1\"" + (os.Length > 0 ? ",\"apiKeyOperatingSystem\":\"" + os + "\"" : ""));

    [Fact]
    public void The_device_push_token_is_sent_with_the_app_identifier_as_app_id()
    {
        var batch = Batch("""{"environment":"production","user_identities":{"customer_id":"c1"},"device_info":{"platform":"Android","push_token":"tok"}}""");

        JsonEqual("""{"attributes":[{"external_id":"c1","push_tokens":[{"app_id":"app-1","token":"tok"}]}]}""", Json(batch, WithAppKey()));
    }

    [Fact]
    public void Without_an_app_identifier_a_push_token_is_dropped_and_counted()
    {
        var batch = Batch("""{"environment":"production","user_identities":{"customer_id":"c1"},"user_attributes":{"a":"1"},"device_info":{"push_token":"tok"}}""");

        var update = Update(batch);

        Assert.Empty(update.PushTokens);
        Assert.Equal(BrazeWarningKind.PushTokenWithoutAppId, Assert.Single(update.Warnings).Kind);
    }

    [Fact]
    public void Only_tokens_from_the_api_keys_operating_system_are_sent()
    {
        var android = Batch("""{"environment":"production","user_identities":{"customer_id":"c1"},"user_attributes":{"a":"1"},"device_info":{"platform":"Android","push_token":"tok"}}""");
        var ios = Batch("""{"environment":"production","user_identities":{"customer_id":"c1"},"application_info":{"os":"IOS"},"device_info":{"push_token":"tok"}}""");

        Assert.Empty(Update(android, WithAppKey("iOS")).PushTokens);
        Assert.Equal([new BrazePushToken("app-1", "tok")], Update(ios, WithAppKey("iOS")).PushTokens);
    }

    [Fact]
    public void Only_the_latest_registered_token_is_sent()
    {
        var batch = WithEvents("""
            {"event_type":"push_registration","data":{"register":true,"registration_token":"newer","timestamp_unixtime_ms":1767323046678}},
            {"event_type":"push_registration","data":{"register":true,"registration_token":"older","timestamp_unixtime_ms":1767323045678}}
            """);

        Assert.Equal([new BrazePushToken("app-1", "newer")], Update(batch, WithAppKey()).PushTokens);
    }

    [Fact]
    public void The_device_token_at_the_batch_time_beats_an_older_registration()
    {
        var batch = WithEvents(
            """{"event_type":"push_registration","data":{"register":true,"registration_token":"registered","timestamp_unixtime_ms":1767323045678}}""",
            ",\"timestamp_unixtime_ms\":1767323046678,\"device_info\":{\"push_token\":\"device\"}");

        Assert.Equal("device", Assert.Single(Update(batch, WithAppKey()).PushTokens).Token);
    }

    [Fact]
    public void Unregistering_the_token_leaves_nothing_to_send_for_it()
    {
        var batch = WithEvents("""
            {"event_type":"push_registration","data":{"register":true,"registration_token":"t","timestamp_unixtime_ms":1767323045678}},
            {"event_type":"push_registration","data":{"register":false,"registration_token":"t","timestamp_unixtime_ms":1767323046678}}
            """);

        Assert.Equal(new BrazeSkipped(BrazeSkipReason.NothingToSend), BrazeUserMapper.Map(batch, Profile(), WithAppKey(), Now));
    }
}
