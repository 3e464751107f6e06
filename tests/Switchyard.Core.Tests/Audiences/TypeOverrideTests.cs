using Switchyard.Core.Ingest.Model;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

/// <summary>"as" compares a value as the named type, whatever type it was sent as (mParticle's attribute type override).</summary>
public sealed class TypeOverrideTests
{
    [Theory]
    [InlineData("5.0", true)]
    [InlineData("5", true)]
    [InlineData("6", false)]
    [InlineData("five", false)]
    public void As_number_compares_text_by_value(string stored, bool expected) =>
        Assert.Equal(expected, Matches("""{"attribute":"rank","operator":"equals","value":"5","as":"number"}""", Profile().WithText("rank", stored)));

    [Theory]
    [InlineData("5", true)]
    [InlineData("5.0", false)]
    public void As_string_compares_a_number_by_its_text(string stored, bool expected) =>
        Assert.Equal(expected, Matches("""{"attribute":"rank","operator":"equals","value":5,"as":"string"}""", Profile().WithNumber("rank", stored)));

    [Theory]
    [InlineData("true", AttributeValueKind.String, true)]
    [InlineData("TRUE", AttributeValueKind.String, true)]
    [InlineData("1", AttributeValueKind.Number, true)]
    [InlineData("0", AttributeValueKind.Number, false)]
    [InlineData("false", AttributeValueKind.Boolean, false)]
    [InlineData("yes", AttributeValueKind.String, false)]
    public void As_boolean_reads_true_false_and_one_zero(string stored, AttributeValueKind kind, bool expected) =>
        Assert.Equal(expected, Matches("""{"attribute":"vip","operator":"equals","value":true,"as":"boolean"}""", Profile().WithText("vip", stored, kind)));

    [Fact]
    public void As_boolean_not_equals_includes_values_that_are_not_booleans_and_missing_ones()
    {
        const string criteria = """{"attribute":"vip","operator":"not_equals","value":"true","as":"boolean"}""";
        Assert.True(Matches(criteria, Profile().WithText("vip", "maybe")));
        Assert.True(Matches(criteria, Profile()));
        Assert.False(Matches(criteria, Profile().WithText("vip", "True")));
    }

    [Fact]
    public void As_date_with_a_date_operator_reads_a_number_as_epoch_milliseconds()
    {
        var profile = Profile().WithNumber("signup", (Now - DayMs).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(Matches("""{"attribute":"signup","operator":"within_last_days","value":2,"as":"date"}""", profile));
    }

    [Fact]
    public void As_number_on_a_missing_attribute_is_false() =>
        Assert.False(Matches("""{"attribute":"rank","operator":"equals","value":5,"as":"number"}""", Profile()));

    [Theory]
    [InlineData("""{"attribute":"a","operator":"equals","value":1,"as":"integer"}""", "criteria.as: unknown type 'integer' (string, number, date or boolean).")]
    [InlineData("""{"attribute":"a","operator":"greater_than","value":1,"as":"string"}""", "criteria.as: 'greater_than' cannot compare as string.")]
    [InlineData("""{"attribute":"a","operator":"contains","value":"x","as":"number"}""", "criteria.as: 'contains' cannot compare as number.")]
    [InlineData("""{"attribute":"a","operator":"equals","value":"2026-01-01","as":"date"}""", "criteria.as: 'equals' cannot compare as date (to match a day, use 'on').")]
    [InlineData("""{"attribute":"a","operator":"before","value":"2026-01-01","as":"number"}""", "criteria.as: 'before' cannot compare as number.")]
    [InlineData("""{"attribute":"a","operator":"equals","value":"x","as":"number"}""", "criteria.value: 'equals' as number needs a number.")]
    [InlineData("""{"attribute":"a","operator":"equals","value":1,"as":"boolean"}""", "criteria.value: 'equals' as boolean needs true or false.")]
    [InlineData("""{"event":{"type":"custom_event"},"as":"number"}""", "criteria.as: applies only to value conditions")]
    public void Types_that_do_not_fit_the_operator_are_refused(string criteria, string expected) =>
        Assert.Contains(expected, ErrorsOf(criteria), StringComparison.Ordinal);
}
