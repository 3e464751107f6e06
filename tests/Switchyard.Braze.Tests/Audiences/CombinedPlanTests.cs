using Switchyard.Braze.Engine;
using Switchyard.Braze.Mapping;
using static Switchyard.Braze.Tests.Audiences.PlannerFixture;

namespace Switchyard.Braze.Tests.Audiences;

public sealed class CombinedPlanTests
{
    public static TheoryData<string> Options => [.. AllOptions];

    [Theory]
    [InlineData("array_and_string", "\"SegmentMembership\":\"11036\",\"SegmentMembershipArray\":{\"add\":[\"11036\"]}")]
    [InlineData("array_and_per_segment", "\"SegmentMembershipArray\":{\"add\":[\"11036\"]},\"In Ibiza dreamers\":true")]
    [InlineData("string_and_per_segment", "\"SegmentMembership\":\"11036\",\"In Ibiza dreamers\":true")]
    [InlineData("all", "\"SegmentMembership\":\"11036\",\"SegmentMembershipArray\":{\"add\":[\"11036\"]},\"In Ibiza dreamers\":true")]
    public void A_combination_sends_the_union_of_its_forms(string option, string expected)
    {
        Assert.Equal(expected, Sent(Plan(option, User(11036), [Ibiza])));
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Once_acknowledged_the_same_membership_sends_nothing(string option)
    {
        var first = Plan(option, User(11036, 11034), [Ibiza, Paris]);
        Assert.NotEqual("", Sent(first));

        Assert.Equal("", Sent(Plan(option, User(11036, 11034), [Ibiza, Paris], After(null, first))));
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Joining_leaving_and_a_clean_up_leave_an_empty_ledger(string option)
    {
        var joined = Plan(option, User(11036), [Ibiza]);
        var left = Plan(option, User(), [Ibiza], After(null, joined));
        var ledger = After(After(null, joined), left);
        var cleaned = Plan(option, User(), [], ledger, cleanup: [11036]);

        Assert.Empty(After(ledger, cleaned));
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Every_option_leaves_the_attributes_of_a_deactivated_link_untouched(string option)
    {
        var joined = Plan(option, User(11036), [Ibiza]);

        Assert.Equal("", Sent(Plan(option, User(), [Ibiza with { Active = false }], After(null, joined))));
        Assert.Equal("", Sent(Plan(option, User(), [], After(null, joined))));
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void Every_option_cleans_up_a_renamed_and_deleted_audience_completely(string option)
    {
        var joined = Plan(option, User(11036), [Ibiza]);

        var cleaned = Plan(option, User(11036), [Ibiza with { ExternalName = "Mallorca dreamers", Active = false }], After(null, joined), cleanup: [11036]);

        Assert.DoesNotContain("Mallorca", Sent(cleaned), StringComparison.Ordinal);
        Assert.All(cleaned.Attributes, a => Assert.True(a.Value is BrazeNull || a.Value is BrazeArrayEdit { Add.Count: 0 }));
        Assert.Empty(After(After(null, joined), cleaned));
    }

    [Theory]
    [MemberData(nameof(Options))]
    public void A_user_without_the_external_identity_is_skipped(string option)
    {
        var profile = User(11036);
        profile.UserIdentities.Clear();
        profile.UserIdentities["email"] = "a@example.com";

        var plan = Plan(option, profile, [Ibiza]);

        Assert.Equal(Switchyard.Braze.Audiences.AudienceSkipReason.NoExternalId, plan.Skipped);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void The_email_rides_along_with_the_first_change_and_again_only_when_it_changed()
    {
        var profile = User(11036);
        profile.UserIdentities["email"] = "a@example.com";

        var first = Plan("single_string", profile, [Ibiza, Paris]);
        Assert.Equal("\"SegmentMembership\":\"11036\",\"email\":\"a@example.com\"", Sent(first));

        profile.Audiences.Add(11034);
        var second = Plan("single_string", profile, [Ibiza, Paris], After(null, first));
        Assert.Equal("\"SegmentMembership\":\"11034,11036\"", Sent(second));

        profile.UserIdentities["email"] = "b@example.com";
        Assert.Equal("", Sent(Plan("single_string", profile, [Ibiza, Paris], After(After(null, first), second))));
    }

    [Fact]
    public void An_email_braze_would_refuse_is_left_out_so_the_membership_still_goes()
    {
        var profile = User(11036);
        profile.UserIdentities["email"] = "not an address";

        Assert.Equal("\"SegmentMembership\":\"11036\"", Sent(Plan("single_string", profile, [Ibiza, Paris])));
    }

    [Fact]
    public void Push_tokens_of_the_configured_platform_go_once_with_the_api_key_as_app_id()
    {
        var profile = User(11036);
        profile.PushTokens["iOS"] = new Switchyard.Core.Profiles.StoredPushToken { Token = "ios-token" };
        profile.PushTokens["Android"] = new Switchyard.Core.Profiles.StoredPushToken { Token = "android-token" };
        const string Ios = ""","apiKey":"app-ios","apiKeyOperatingSystem":"iOS" """;

        var first = Plan("single_string", profile, [Ibiza], extra: Ios);
        Assert.Equal("\"SegmentMembership\":\"11036\",\"push_tokens\":[{\"app_id\":\"app-ios\",\"token\":\"ios-token\"}]", Sent(first));

        profile.Audiences.Remove(11036);
        var second = Plan("single_string", profile, [Ibiza], After(null, first), extra: Ios);
        Assert.Equal("\"SegmentMembership\":null", Sent(second));
    }

    [Fact]
    public void Without_an_operating_system_no_push_token_is_sent()
    {
        var profile = User(11036);
        profile.PushTokens["iOS"] = new Switchyard.Core.Profiles.StoredPushToken { Token = "ios-token" };

        Assert.Equal("\"SegmentMembership\":\"11036\"", Sent(Plan("single_string", profile, [Ibiza], extra: ""","apiKey":"app-ios" """)));
    }
}
