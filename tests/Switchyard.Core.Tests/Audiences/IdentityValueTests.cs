using Switchyard.Core.Profiles;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

/// <summary>Identity criteria with an operator compare the identity's value.</summary>
public sealed class IdentityValueTests
{
    private static Profile WithEmail(string email)
    {
        var profile = Profile();
        profile.UserIdentities[IdentityKeys.Email] = email;
        return profile;
    }

    [Theory]
    [InlineData("""{"identity":"email","operator":"ends_with","value":"@Example.com"}""", true)]
    [InlineData("""{"identity":"email","operator":"ends_with","value":"@other.com"}""", false)]
    [InlineData("""{"identity":"email","operator":"pattern","value":"*@example.???"}""", true)]
    [InlineData("""{"identity":"email","operator":"starts_with","value":"ANA"}""", true)]
    [InlineData("""{"identity":"email","operator":"not_contains","value":"example"}""", false)]
    public void Email_values_compare_ignoring_case(string criteria, bool expected) =>
        Assert.Equal(expected, Matches(criteria, WithEmail("ana@example.com")));

    [Fact]
    public void Customer_id_equals_compares_the_value()
    {
        var profile = Profile();
        profile.UserIdentities[IdentityKeys.CustomerId] = "00042";
        Assert.True(Matches("""{"identity":"customerid","operator":"equals","value":"00042"}""", profile));
        Assert.True(Matches("""{"identity":"customer_id","operator":"equals","value":42}""", profile));
        Assert.False(Matches("""{"identity":"customer_id","operator":"equals","value":"42","as":"string"}""", profile));
    }

    [Fact]
    public void A_device_identity_value_is_compared_too()
    {
        var profile = Profile();
        profile.DeviceIdentities["ios_idfv"] = "AAAA-1";
        Assert.True(Matches("""{"identity":"device:ios_idfv","operator":"starts_with","value":"aaaa"}""", profile));
    }

    [Fact]
    public void A_missing_identity_matches_only_negations()
    {
        Assert.False(Matches("""{"identity":"email","operator":"ends_with","value":"@example.com"}""", Profile()));
        Assert.True(Matches("""{"identity":"email","operator":"not_pattern","value":"*@example.com"}""", Profile()));
    }

    [Fact]
    public void An_identity_that_is_not_a_number_fails_a_number_comparison() =>
        Assert.False(Matches("""{"identity":"email","operator":"greater_than","value":1}""", WithEmail("ana@example.com")));

    [Theory]
    [InlineData("""{"identity":"email","operator":"includes","value":"a"}""", "criteria.operator: 'includes' applies to user attribute lists only; identities are single values.")]
    [InlineData("""{"identity":"email","value":"a"}""", "criteria.operator: is required.")]
    [InlineData("""{"identity":"fax","operator":"exists"}""", "criteria.identity: unknown identity 'fax'")]
    public void Bad_identity_conditions_are_refused_with_their_path(string criteria, string expected) =>
        Assert.Contains(expected, ErrorsOf(criteria), StringComparison.Ordinal);
}
