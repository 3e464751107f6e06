using Switchyard.Core.Delivery.MParticle;

namespace Switchyard.Core.Tests.Delivery;

public sealed class MParticleSettingsTests
{
    private const string Key = "relay-key";
    private const string Secret = "0123456789abcdef0123";

    [Fact]
    public void Settings_with_only_the_required_fields_take_the_documented_defaults()
    {
        var settings = Parse($$"""{"endpoint":"https://s2s.eu1.mparticle.com/","apiKey":"{{Key}}","apiSecret":"{{Secret}}"}""");

        Assert.Equal("https://s2s.eu1.mparticle.com/v2/bulkevents", settings.BulkEventsUrl.AbsoluteUri);
        Assert.Equal(100, settings.BatchSize);
        Assert.Equal(100, settings.RequestsPerSecond);
        Assert.False(settings.IncludeMpid);
    }

    [Theory]
    [InlineData("""{"apiKey":"k","apiSecret":"s"}""", "endpoint", "is required")]
    [InlineData("""{"endpoint":"ftp://x","apiKey":"k","apiSecret":"s"}""", "endpoint", "http or https")]
    [InlineData("""{"endpoint":"https://x?y=1","apiKey":"k","apiSecret":"s"}""", "endpoint", "without query")]
    [InlineData("""{"endpoint":"https://x","apiSecret":"s"}""", "apiKey", "is required")]
    [InlineData("""{"endpoint":"https://x","apiKey":"k","apiSecret":"replace-with-the-feed-secret"}""", "apiSecret", "placeholder")]
    [InlineData("""{"endpoint":"https://x","apiKey":"k","apiSecret":"s","batchSize":101}""", "batchSize", "from 1 to 100")]
    [InlineData("""{"endpoint":"https://x","apiKey":"k","apiSecret":"s","requestsPerSecond":0}""", "requestsPerSecond", "from 1 to")]
    [InlineData("""{"endpoint":"https://x","apiKey":"k","apiSecret":"s","includeMpid":"yes"}""", "includeMpid", "true or false")]
    [InlineData("""{"endpoint":"https://x","apiKey":"k","apiSecret":"s","restApiKey":"k"}""", "restApiKey", "is not a setting")]
    [InlineData("""[1]""", "", "JSON object")]
    public void A_bad_setting_is_refused_naming_the_field(string json, string field, string message)
    {
        var result = MParticleSettingsReader.Parse(json);

        Assert.Null(result.Settings);
        Assert.Equal(field, result.Field);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_and_secret_are_never_printed()
    {
        var settings = Parse($$"""{"endpoint":"https://relay.example.com","apiKey":"{{Key}}","apiSecret":"{{Secret}}","includeMpid":true}""");

        Assert.DoesNotContain(Key, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, settings.Redacted(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, settings.Redacted(), StringComparison.Ordinal);
        Assert.Contains("\"includeMpid\":true", settings.Redacted(), StringComparison.Ordinal);
    }

    private static MParticleSettings Parse(string json) =>
        Assert.IsType<MParticleSettings>(MParticleSettingsReader.Parse(json).Settings);
}
