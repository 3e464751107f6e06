using Switchyard.Core.Audiences;
using Switchyard.Core.Profiles;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

public sealed class IdentityAndGroupTests
{
    [Fact]
    public void An_identity_criterion_needs_that_user_identity()
    {
        var profile = Profile();
        profile.UserIdentities[IdentityKeys.Email] = "a@example.com";
        Assert.True(Matches("""{"identity":"email"}""", profile));
        Assert.False(Matches("""{"identity":"customer_id"}""", profile));
    }

    [Fact]
    public void Customerid_is_read_as_customer_id()
    {
        var profile = Profile();
        profile.UserIdentities[IdentityKeys.CustomerId] = "c1";
        Assert.True(Matches("""{"identity":"customerid"}""", profile));
    }

    [Fact]
    public void A_device_identity_is_read_from_the_device_identities()
    {
        var profile = Profile();
        profile.DeviceIdentities["ios_idfv"] = "A-B";
        Assert.True(Matches("""{"identity":"device:ios_idfv"}""", profile));
        Assert.False(Matches("""{"identity":"device:android_uuid"}""", profile));
        Assert.False(Matches("""{"identity":"other"}""", profile));
    }

    [Theory]
    [InlineData("pro", "ES", true)]
    [InlineData("pro", "FR", false)]
    [InlineData("free", "ES", false)]
    public void And_needs_every_criterion(string plan, string country, bool expected) =>
        Assert.Equal(expected, Matches(
            """{"and":[{"attribute":"plan","operator":"equals","value":"pro"},{"attribute":"$Country","operator":"equals","value":"es"}]}""",
            Profile().WithText("plan", plan).WithText("$Country", country)));

    [Theory]
    [InlineData("pro", "ES", true)]
    [InlineData("pro", "FR", true)]
    [InlineData("free", "ES", true)]
    [InlineData("free", "FR", false)]
    public void Or_needs_any_criterion(string plan, string country, bool expected) =>
        Assert.Equal(expected, Matches(
            """{"or":[{"attribute":"plan","operator":"equals","value":"pro"},{"attribute":"$Country","operator":"equals","value":"es"}]}""",
            Profile().WithText("plan", plan).WithText("$Country", country)));

    [Fact]
    public void Not_excludes_matching_users()
    {
        const string criteria = """{"and":[{"identity":"email"},{"not":{"attribute":"plan","operator":"equals","value":"pro"}}]}""";
        var profile = Profile();
        profile.UserIdentities[IdentityKeys.Email] = "a@example.com";
        Assert.True(Matches(criteria, profile));
        Assert.False(Matches(criteria, profile.WithText("plan", "PRO")));
    }

    [Fact]
    public void Ibiza_dreamers_are_in_spain_and_played_jazz_three_times_in_thirty_days()
    {
        const string criteria = """
            {"and":[
              {"attribute":"$country","operator":"equals","value":"ES"},
              {"event":{"type":"custom_event","name":"Played"},"within_days":30,
               "where":[{"attribute":"genre","operator":"equals","value":"jazz"}],
               "count":{"operator":"at_least","value":3}}]}
            """;
        var profile = Profile().WithText("$Country", "es")
            .WithEvent(EventKeys.Custom("Played"), DaysAgo(1), ("genre", "jazz"))
            .WithEvent(EventKeys.Custom("Played"), DaysAgo(10), ("genre", "jazz"));
        Assert.False(Matches(criteria, profile));
        Assert.True(Matches(criteria, profile.WithEvent(EventKeys.Custom("Played"), DaysAgo(29), ("genre", "jazz"))));
    }

    [Fact]
    public void Member_of_reads_this_evaluations_membership_not_the_recorded_one()
    {
        var catalog = AudienceCatalog.Create([
            Definition("""{"member_of":1}""", id: 2),
            Definition("""{"attribute":"plan","operator":"equals","value":"pro"}""", id: 1),
            Definition("""{"not":{"member_of":1}}""", id: 3),
        ]);

        var pro = Profile().WithText("plan", "pro");
        pro.Audiences = [3];
        Assert.Equal([1, 2], catalog.Evaluate(pro, Now).Order());

        var free = Profile().WithText("plan", "free");
        free.Audiences = [1, 2];
        Assert.Equal([3], catalog.Evaluate(free, Now).Order());
    }

    [Fact]
    public void Evaluate_returns_every_matching_audience()
    {
        var catalog = AudienceCatalog.Create([
            Definition("""{"attribute":"plan","operator":"exists"}""", id: 10),
            Definition("""{"attribute":"plan","operator":"equals","value":"free"}""", id: 11),
            Definition("""{"event":{"type":"session_start"},"count":{"operator":"exactly","value":0}}""", id: 12),
        ]);
        Assert.Equal([10, 12], catalog.Evaluate(Profile().WithText("plan", "pro"), Now).Order());
        Assert.Empty(AudienceCatalog.Create([]).Evaluate(Profile(), Now));
    }
}
