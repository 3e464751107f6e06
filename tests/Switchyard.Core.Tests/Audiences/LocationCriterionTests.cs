using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

public sealed class LocationCriterionTests
{
    [Theory]
    [InlineData("country", "$Country", "ES")]
    [InlineData("region", "$State", "Catalonia")]
    [InlineData("city", "$City", "Barcelona")]
    [InlineData("zip", "$Zip", "08001")]
    public void A_location_reads_its_reserved_attribute(string part, string attribute, string value)
    {
        var profile = Profile().WithText(attribute, value);
        Assert.True(Matches($$"""{"location":"{{part}}","operator":"equals","value":"{{value.ToUpperInvariant()}}"}""", profile));
        Assert.False(Matches($$"""{"location":"{{part}}","operator":"equals","value":"elsewhere"}""", profile));
    }

    [Fact]
    public void A_missing_location_matches_only_negations()
    {
        Assert.False(Matches("""{"location":"country","operator":"equals","value":"ES"}""", Profile()));
        Assert.True(Matches("""{"location":"country","operator":"not_equals","value":"ES"}""", Profile()));
    }

    [Fact]
    public void A_zip_stored_as_a_number_compares_with_a_numeric_operand_but_keeps_its_zeros_as_a_string()
    {
        var profile = Profile().WithNumber("$Zip", "8001");
        Assert.True(Matches("""{"location":"zip","operator":"equals","value":8001}""", profile));
        Assert.False(Matches("""{"location":"zip","operator":"equals","value":"08001","as":"string"}""", profile));
    }

    [Fact]
    public void An_unknown_location_is_refused_with_its_path() =>
        Assert.Contains("criteria.location: unknown location 'dma' (country, region, city or zip).", ErrorsOf("""{"location":"dma","operator":"exists"}"""), StringComparison.Ordinal);
}
