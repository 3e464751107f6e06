using System.Text.RegularExpressions;
using Switchyard.Braze.Audiences;
using Switchyard.Braze.Settings;
using static Switchyard.Braze.Tests.Audiences.PlannerFixture;

namespace Switchyard.Braze.Tests.Audiences;

/// <summary><c>segmentMembershipFormat</c>: mParticle's quoted form of <c>SegmentMembership</c> (the default), or the unquoted form.</summary>
public sealed class QuotedMembershipPlanTests
{
    private const string Quoted = ""","segmentMembershipFormat":"quoted" """;

    [Fact]
    public void The_quoted_format_sends_each_id_in_single_quotes_ascending() =>
        Assert.Equal("\"SegmentMembership\":\"'11034','11036'\"", Sent(Plan("single_string", User(11036, 11034), [Ibiza, Paris], extra: Quoted)));

    [Fact]
    public void Without_the_setting_the_ids_are_quoted_as_mparticle_sends_them()
    {
        var settings = BrazeAudienceSettings.Parse("""{"restApiKey":"k"}""").Settings!;
        var plan = AudiencePlanner.Plan(settings, User(11036, 11034), [Ibiza, Paris], new Dictionary<string, string>(), new HashSet<int>());

        Assert.Equal(SegmentMembershipFormat.Quoted, settings.SegmentMembershipFormat);
        Assert.Equal("\"SegmentMembership\":\"'11034','11036'\"", Sent(plan));
    }

    [Fact]
    public void The_unquoted_format_sends_the_ids_alone() =>
        Assert.Equal("\"SegmentMembership\":\"11034,11036\"", Sent(Plan("single_string", User(11036, 11034), [Ibiza, Paris], extra: ""","segmentMembershipFormat":"unquoted" """)));

    [Fact]
    public void Switching_the_format_resends_the_string_and_keeps_the_members_last_sent()
    {
        var unquoted = Plan("single_string", User(11036, 11034), [Ibiza, Paris]);
        var ledger = After(null, unquoted);

        var quoted = Plan("single_string", User(11036, 11034), [Ibiza, Paris], ledger, extra: Quoted);
        var again = Plan("single_string", User(11036, 11034), [Ibiza, Paris], After(ledger, quoted), extra: Quoted);

        Assert.Equal("\"SegmentMembership\":\"'11034','11036'\"", Sent(quoted));
        Assert.Equal("", Sent(again));
    }

    [Fact]
    public void An_unknown_format_is_an_error_naming_the_field()
    {
        var result = BrazeAudienceSettings.Parse("""{"restApiKey":"k","segmentMembershipFormat":"brackets"}""");

        Assert.Equal("segmentMembershipFormat", Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("11034,11036", true)]
    [InlineData("'11034','11036'", true)]
    [InlineData("110341,11036", false)]
    [InlineData("'110341','11036'", false)]
    [InlineData("11036", false)]
    public void The_documented_regex_matches_one_id_exactly_in_either_form(string membership, bool expected) =>
        Assert.Equal(expected, Regex.IsMatch(membership, "(^|,)'?11034'?(,|$)"));
}
