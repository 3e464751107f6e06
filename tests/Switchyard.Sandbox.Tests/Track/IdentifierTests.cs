namespace Switchyard.Sandbox.Tests.Track;

public sealed class IdentifierTests
{
    private readonly TrackHarness _sandbox = new();

    [Fact]
    public void An_object_without_an_identifier_fails_with_the_braze_message()
    {
        Assert.Equal(
            "'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required",
            _sandbox.AttributesError("""{"first_name":"A"}"""));
    }

    [Fact]
    public void An_external_id_creates_the_profile_by_default()
    {
        _sandbox.Attributes("""{"external_id":"u1","first_name":"A"}""");

        Assert.NotNull(_sandbox.User("u1"));
    }

    [Fact]
    public void An_external_id_with_update_existing_only_does_not_create_a_profile()
    {
        _sandbox.Attributes("""{"external_id":"u1","_update_existing_only":true,"first_name":"A"}""");

        Assert.Empty(_sandbox.Store.Snapshot());
        Assert.Equal(0, _sandbox.DataPoints);
    }

    [Fact]
    public void A_user_alias_only_updates_by_default()
    {
        _sandbox.Attributes("""{"user_alias":{"alias_name":"a1","alias_label":"crm"},"first_name":"A"}""");

        Assert.Empty(_sandbox.Store.Snapshot());
    }

    [Fact]
    public void A_user_alias_with_update_existing_only_false_creates_an_alias_only_profile()
    {
        _sandbox.Attributes("""{"user_alias":{"alias_name":"a1","alias_label":"crm"},"_update_existing_only":false,"first_name":"A"}""");

        var user = Assert.Single(_sandbox.Store.Snapshot());
        Assert.Null(user.ExternalId);
        Assert.Equal("a1", user.Aliases["crm"]);
    }

    [Fact]
    public void An_unknown_braze_id_cannot_create_a_profile()
    {
        _sandbox.Attributes("""{"braze_id":"nope","_update_existing_only":false,"first_name":"A"}""");

        Assert.Empty(_sandbox.Store.Snapshot());
    }

    [Fact]
    public void An_email_identifier_creates_an_email_only_profile_and_then_finds_it()
    {
        _sandbox.Attributes("""{"email":"a@example.com","first_name":"A"}""");
        _sandbox.Attributes("""{"email":"a@example.com","last_name":"B"}""");

        var user = Assert.Single(_sandbox.Store.Snapshot());
        Assert.Null(user.ExternalId);
        Assert.Equal("B", (string?)user.Profile["last_name"]);
    }

    [Fact]
    public void Email_wins_over_phone_when_both_identify()
    {
        _sandbox.Attributes("""{"external_id":"by-email","email":"a@example.com"}""");
        _sandbox.Attributes("""{"external_id":"by-phone","phone":"+15550001111"}""");

        _sandbox.Attributes("""{"email":"a@example.com","phone":"+15550001111","home_city":"Oslo"}""");

        Assert.Equal("\"Oslo\"", _sandbox.User("by-email").Profile["home_city"].ToJsonString());
        Assert.False(_sandbox.User("by-phone").Profile.ContainsKey("home_city"));
    }

    [Fact]
    public void Email_lookup_prefers_the_most_recently_updated_profile_with_an_external_id()
    {
        _sandbox.Attributes("""{"external_id":"old","email":"s@example.com"}""");
        _sandbox.Clock.Advance(TimeSpan.FromMinutes(1));
        _sandbox.Attributes("""{"external_id":"new","email":"s@example.com"}""");
        _sandbox.Clock.Advance(TimeSpan.FromMinutes(1));
        _sandbox.Attributes("""{"user_alias":{"alias_name":"x","alias_label":"l"},"_update_existing_only":false,"email":"s@example.com"}""");

        _sandbox.Attributes("""{"email":"s@example.com","home_city":"Rome"}""");

        Assert.True(_sandbox.User("new").Profile.ContainsKey("home_city"));
        Assert.False(_sandbox.User("old").Profile.ContainsKey("home_city"));
    }

    [Fact]
    public void Push_token_import_creates_one_anonymous_profile_per_token()
    {
        const string import = """{"push_token_import":true,"push_tokens":[{"app_id":"app","token":"t1"}]}""";

        _sandbox.Attributes(import);
        _sandbox.Attributes(import);

        var user = Assert.Single(_sandbox.Store.Snapshot());
        Assert.Null(user.ExternalId);
        Assert.Equal("t1", Assert.Single(user.PushTokens).Token);
        Assert.Equal("'push_tokens' is required", _sandbox.AttributesError("""{"push_token_import":true}"""));
    }

    [Theory]
    [InlineData("""{"external_id":"u1","push_token_import":true,"push_tokens":[{"app_id":"app","token":"t1"}]}""")]
    [InlineData("""{"user_alias":{"alias_name":"a","alias_label":"l"},"push_token_import":true,"push_tokens":[{"app_id":"app","token":"t1"}]}""")]
    [InlineData("""{"braze_id":"0123456789abcdef01234567","push_token_import":true,"push_tokens":[{"app_id":"app","token":"t1"}]}""")]
    public void Push_token_import_with_an_identifier_is_an_object_error_and_creates_nothing(string attributes)
    {
        var error = _sandbox.AttributesError(attributes);

        Assert.Equal("'push_token_import' cannot be combined with 'external_id', 'user_alias' or 'braze_id'", error);
        Assert.Empty(_sandbox.Store.Snapshot());
    }
}
