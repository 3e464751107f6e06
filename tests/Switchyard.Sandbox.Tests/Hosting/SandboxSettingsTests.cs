using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Track;

namespace Switchyard.Sandbox.Tests.Hosting;

public sealed class SandboxSettingsTests
{
    [Fact]
    public void Bad_options_fail_at_start_naming_the_field()
    {
        Assert.Contains("Port", Assert.Throws<ArgumentException>(() => SandboxSettings.From(new SandboxOptions { Port = 70000 })).Message, StringComparison.Ordinal);
        Assert.Contains("ArrayAttributeCap", Assert.Throws<ArgumentException>(() => SandboxSettings.From(new SandboxOptions { ArrayAttributeCap = 0 })).Message, StringComparison.Ordinal);

        var unknownPermission = new SandboxOptions();
        unknownPermission.ApiKeys.Add(new SandboxApiKey("k", "users.fly"));
        Assert.Contains("ApiKeys[0].Permissions", Assert.Throws<ArgumentException>(() => SandboxSettings.From(unknownPermission)).Message, StringComparison.Ordinal);

        var duplicate = new SandboxOptions();
        duplicate.ApiKeys.Add(new SandboxApiKey("k"));
        duplicate.ApiKeys.Add(new SandboxApiKey("k"));
        Assert.Contains("ApiKeys[1].Key", Assert.Throws<ArgumentException>(() => SandboxSettings.From(duplicate)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_without_permissions_gets_all_of_them()
    {
        var options = new SandboxOptions();
        options.ApiKeys.Add(new SandboxApiKey("k"));

        Assert.Equal(9, SandboxSettings.From(options).ApiKeys["k"].Count);
    }

    [Theory]
    [InlineData(SandboxBatchRule.Combined75, 75, 0, 0, false)]
    [InlineData(SandboxBatchRule.Combined75, 40, 30, 6, true)]
    [InlineData(SandboxBatchRule.PerArray75, 75, 75, 75, false)]
    [InlineData(SandboxBatchRule.PerArray75, 0, 76, 0, true)]
    [InlineData(SandboxBatchRule.Combined50, 25, 25, 0, false)]
    [InlineData(SandboxBatchRule.Combined50, 25, 25, 1, true)]
    public void Batch_rules_limit_objects_per_request(SandboxBatchRule rule, int attributes, int events, int purchases, bool rejected)
    {
        Assert.Equal(rejected, TrackEndpoint.BatchLimitError(rule, attributes, events, purchases) is not null);
    }
}
