namespace Switchyard.Sandbox.Tests.Track;

public sealed class ProfileFieldTests
{
    private readonly TrackHarness _sandbox = new();

    private string? Profile(string field) =>
        _sandbox.User("u1").Profile.GetValueOrDefault(field)?.ToJsonString();

    [Theory]
    [InlineData("M")]
    [InlineData("F")]
    [InlineData("O")]
    [InlineData("N")]
    [InlineData("P")]
    public void Each_documented_gender_is_accepted(string gender)
    {
        _sandbox.Attributes($$"""{"external_id":"u1","gender":"{{gender}}"}""");

        Assert.Equal($"\"{gender}\"", Profile("gender"));
    }

    [Theory]
    [InlineData("\"gender\":\"X\"")]
    [InlineData("\"dob\":\"1990-13-01\"")]
    [InlineData("\"dob\":\"01/02/1990\"")]
    [InlineData("\"email_subscribe\":\"maybe\"")]
    [InlineData("\"push_subscribe\":true")]
    [InlineData("\"subscription_groups\":[{\"subscription_group_id\":\"g\",\"subscription_state\":\"opted_in\"}]")]
    [InlineData("\"push_tokens\":[{\"app_id\":\"a\"}]")]
    [InlineData("\"first_name\":42")]
    [InlineData("\"current_location\":{\"latitude\":100,\"longitude\":0}")]
    [InlineData("\"phone\":\"call me\"")]
    public void An_invalid_profile_value_fails_the_object(string field)
    {
        var error = _sandbox.AttributesError($$"""{"external_id":"u1",{{field}}}""");

        Assert.NotNull(error);
        Assert.Empty(_sandbox.Store.Snapshot());
    }

    [Fact]
    public void An_invalid_email_fails_with_the_braze_message()
    {
        Assert.Equal(
            "The value provided for the 'email' field is not a valid email.",
            _sandbox.AttributesError("""{"external_id":"u1","email":"not-an-email"}"""));
    }

    [Fact]
    public void Valid_profile_fields_are_stored_by_their_braze_names()
    {
        _sandbox.Attributes("""
            {"external_id":"u1","first_name":"Ada","dob":"1990-02-03","country":"de","language":"EN",
             "time_zone":"Europe/Berlin","email":"ada@example.com","phone":"+49 170 1234567",
             "email_subscribe":"opted_in","current_location":{"latitude":52.5,"longitude":13.4}}
            """);

        Assert.Equal("\"Ada\"", Profile("first_name"));
        Assert.Equal("\"1990-02-03\"", Profile("dob"));
        Assert.Equal("\"DE\"", Profile("country"));
        Assert.Equal("\"en\"", Profile("language"));
        Assert.Equal("\"Europe/Berlin\"", Profile("time_zone"));
        Assert.Equal("+491701234567", _sandbox.User("u1").Phone);
        Assert.Equal("\"opted_in\"", Profile("email_subscribe"));
    }

    [Fact]
    public void An_invalid_time_zone_is_ignored_without_failing_the_object()
    {
        var cost = _sandbox.Attributes("""{"external_id":"u1","time_zone":"Mars/Olympus","first_name":"A"}""");

        Assert.Null(Profile("time_zone"));
        Assert.Equal(1, cost);
    }

    [Theory]
    [InlineData("Germany", "DE")]
    [InlineData(" united states of america ", "US")]
    [InlineData("USA", "US")]
    [InlineData("deu", "DE")]
    [InlineData("Côte d'Ivoire", "CI")]
    [InlineData("United Kingdom", "GB")]
    public void A_country_name_is_mapped_to_its_iso_code_and_counts_as_set(string name, string code)
    {
        var cost = _sandbox.Attributes($$"""{"external_id":"u1","country":"{{name}}"}""");

        Assert.Equal($"\"{code}\"", Profile("country"));
        Assert.Equal(1, cost);
    }

    [Fact]
    public void An_unknown_country_clears_the_field_for_free()
    {
        _sandbox.Attributes("""{"external_id":"u1","country":"FR"}""");

        var cost = _sandbox.Attributes("""{"external_id":"u1","country":"Narnia"}""");

        Assert.Null(Profile("country"));
        Assert.Equal(0, cost);
    }

    [Fact]
    public void Subscription_groups_and_push_tokens_are_stored_and_free()
    {
        var cost = _sandbox.Attributes("""
            {"external_id":"u1","subscription_groups":[{"subscription_group_id":"g1","subscription_state":"subscribed"}],
             "push_tokens":[{"app_id":"app","token":"t1","device_id":"d1"}],"push_subscribe":"subscribed"}
            """);

        var user = _sandbox.User("u1");
        Assert.Equal("subscribed", user.SubscriptionGroups["g1"]);
        Assert.Equal("t1", Assert.Single(user.PushTokens).Token);
        Assert.Equal(0, cost);
    }

    [Fact]
    public void Bio_is_neither_stored_nor_kept_as_a_custom_attribute()
    {
        _sandbox.Attributes("""{"external_id":"u1","bio":"hello"}""");

        Assert.Null(Profile("bio"));
        Assert.Null(_sandbox.Custom("u1", "bio"));
    }

    [Fact]
    public void An_unknown_language_is_ignored_and_free()
    {
        var cost = _sandbox.Attributes("""{"external_id":"u1","language":"klingon"}""");

        Assert.Null(Profile("language"));
        Assert.Equal(0, cost);
    }

    [Fact]
    public void Null_clears_a_profile_field()
    {
        _sandbox.Attributes("""{"external_id":"u1","first_name":"A","time_zone":"UTC"}""");

        var cost = _sandbox.Attributes("""{"external_id":"u1","first_name":null,"time_zone":null}""");

        Assert.Null(Profile("first_name"));
        Assert.Null(Profile("time_zone"));
        Assert.Equal(2, cost);
    }

    [Fact]
    public void A_push_token_sent_again_replaces_the_old_entry()
    {
        _sandbox.Attributes("""{"external_id":"u1","push_tokens":[{"app_id":"app","token":"t","device_id":"d1"}]}""");

        _sandbox.Attributes("""{"external_id":"u1","push_tokens":[{"app_id":"app","token":"t","device_id":"d2"}]}""");

        Assert.Equal("d2", Assert.Single(_sandbox.User("u1").PushTokens).DeviceId);
    }

    [Theory]
    [InlineData("opted_in")]
    [InlineData("subscribed")]
    [InlineData("unsubscribed")]
    public void Each_documented_subscription_state_is_accepted(string state)
    {
        _sandbox.Attributes($$"""{"external_id":"u1","email_subscribe":"{{state}}","push_subscribe":"{{state}}"}""");

        Assert.Equal($"\"{state}\"", Profile("push_subscribe"));
    }
}
