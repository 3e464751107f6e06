using Switchyard.Core.Profiles;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

public sealed class DeviceCriterionTests
{
    private static Profile With(string field, string value)
    {
        var profile = Profile();
        profile.Device[field] = value;
        return profile;
    }

    [Theory]
    [InlineData("""{"device":"platform","operator":"equals","value":"ios"}""", true)]
    [InlineData("""{"device":"platform","operator":"equals","value":"Android"}""", false)]
    [InlineData("""{"device":"platform","operator":"not_equals","value":"Android"}""", true)]
    public void Platform_compares_as_a_string_ignoring_case(string criteria, bool expected) =>
        Assert.Equal(expected, Matches(criteria, With(DeviceFields.Platform, "iOS")));

    [Theory]
    [InlineData("""{"device":"os_version","operator":"pattern","value":"17.*"}""", true)]
    [InlineData("""{"device":"os_version","operator":"starts_with","value":"16"}""", false)]
    [InlineData("""{"device":"os_version","operator":"at_least","value":17}""", true)]
    public void Os_version_takes_string_and_number_operators(string criteria, bool expected) =>
        Assert.Equal(expected, Matches(criteria, With(DeviceFields.OsVersion, "17.2")));

    [Fact]
    public void A_version_with_two_dots_is_not_a_number() =>
        Assert.False(Matches("""{"device":"os_version","operator":"at_least","value":17}""", With(DeviceFields.OsVersion, "17.2.1")));

    [Fact]
    public void A_missing_field_matches_only_negations()
    {
        Assert.False(Matches("""{"device":"device_model","operator":"contains","value":"Pixel"}""", Profile()));
        Assert.True(Matches("""{"device":"device_model","operator":"not_contains","value":"Pixel"}""", Profile()));
        Assert.True(Matches("""{"device":"carrier","operator":"not_exists"}""", Profile()));
    }

    [Theory]
    [InlineData("""{"device":"imei","operator":"exists"}""", "criteria.device: unknown device field 'imei'")]
    [InlineData("""{"device":"platform","operator":"includes","value":"iOS"}""", "criteria.operator: 'includes' applies to user attribute lists only; device fields are single values.")]
    [InlineData("""{"device":"platform"}""", "criteria.operator: is required.")]
    public void Bad_device_criteria_are_refused_with_their_path(string criteria, string expected) =>
        Assert.Contains(expected, ErrorsOf(criteria), StringComparison.Ordinal);
}
