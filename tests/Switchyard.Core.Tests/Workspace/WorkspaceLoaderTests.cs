using Switchyard.Core.Workspace;

namespace Switchyard.Core.Tests.Workspace;

public sealed class WorkspaceLoaderTests
{
    private const string Valid = """
        {
          // comments and trailing commas are allowed
          "inputs": [
            { "id": "web", "name": "Web app", "key": "web-key", "secret": "0123456789abcdef", "environment": "production",
              "rateLimit": { "batchesPerSecond": 270, "burst": 540 } },
            { "id": "backend", "key": "backend-key", "secret": "fedcba9876543210fedc" },
          ]
        }
        """;

    [Fact]
    public void A_valid_file_gives_every_input_with_its_settings_and_defaults()
    {
        var workspace = WorkspaceLoader.Parse(Valid);

        Assert.Equal(2, workspace.Inputs.Count);
        var web = workspace.Inputs[0];
        Assert.Equal(("web", "Web app", "web-key", "0123456789abcdef", "production"), (web.Id, web.Name, web.Key, web.Secret, web.Environment));
        Assert.Equal(new FeedRateLimit(270, 540), web.RateLimit);
        var backend = workspace.Inputs[1];
        Assert.Equal("backend", backend.Name);
        Assert.Null(backend.Environment);
        Assert.Equal(FeedRateLimit.Default, backend.RateLimit);
        Assert.Same(backend, workspace.FindInputByKey("backend-key"));
        Assert.Null(workspace.FindInputByKey("BACKEND-KEY"));
    }

    [Fact]
    public void An_input_is_strict_only_when_the_file_says_so()
    {
        var workspace = WorkspaceLoader.Parse("""
            {"inputs":[{"id":"a","key":"a-key","secret":"0123456789abcdef","strict":true},{"id":"b","key":"b-key","secret":"0123456789abcdef"}]}
            """);

        Assert.Equal([true, false], workspace.Inputs.Select(i => i.Strict));
    }

    [Fact]
    public void Admin_processing_and_audience_sections_are_read_with_defaults_when_absent()
    {
        var workspace = WorkspaceLoader.Parse("""
            {"inputs":[],"admin":{"token":"0123456789abcdef0123456789"},
             "processing":{"uniqueIdentities":["email","customer_id"],"eventRetentionDays":7,"inboxRetentionDays":2},
             "audiences":[{"id":1,"name":"Pro","criteria":{"attribute":"plan","operator":"equals","value":"pro"}}]}
            """);
        var defaults = WorkspaceLoader.Parse("{}");

        Assert.Equal("0123456789abcdef0123456789", workspace.AdminToken);
        Assert.Equal(["email", "customer_id"], workspace.UniqueIdentities);
        Assert.Equal(TimeSpan.FromDays(7), workspace.EventRetention);
        Assert.Equal(TimeSpan.FromDays(2), workspace.InboxRetention);
        Assert.Contains("\"Pro\"", Assert.Single(workspace.Audiences), StringComparison.Ordinal);
        Assert.Null(defaults.AdminToken);
        Assert.Equal(["customer_id", "email"], defaults.UniqueIdentities);
        Assert.Equal(TimeSpan.FromDays(30), defaults.EventRetention);
        Assert.Equal(TimeSpan.FromDays(7), defaults.InboxRetention);
        Assert.Empty(defaults.Audiences);
        Assert.DoesNotContain("0123456789abcdef0123456789", workspace.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_and_connections_are_read_with_their_settings_kept_for_the_output_type()
    {
        var workspace = WorkspaceLoader.Parse("""
            {"inputs":[{"id":"web","key":"k","secret":"0123456789abcdef"}],
             "outputs":[{"id":"braze","type":"braze","settings":{"restApiKey":"rest-key","instance":"US-03"}}],
             "connections":[{"input":"web","output":"braze"}]}
            """);
        var inactive = WorkspaceLoader.Parse("""
            {"inputs":[{"id":"web","key":"k","secret":"0123456789abcdef"}],
             "outputs":[{"id":"braze","type":"braze","settings":{"restApiKey":"rest-key"}}],
             "connections":[{"input":"web","output":"braze","active":false}]}
            """);

        var output = Assert.Single(workspace.Outputs);
        Assert.Equal(("braze", "braze"), (output.Id, output.Type));
        Assert.Contains("rest-key", output.SettingsJson, StringComparison.Ordinal);
        Assert.DoesNotContain("rest-key", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(["braze"], workspace.OutputsOf("web"));
        Assert.Empty(workspace.OutputsOf("other"));
        Assert.Empty(inactive.OutputsOf("web"));
    }

    [Fact]
    public void Audience_connections_are_read_with_active_by_default()
    {
        var workspace = WorkspaceLoader.Parse("""
            {"outputs":[{"id":"aud","type":"braze_audience","settings":{}}],
             "audienceConnections":[{"output":"aud","audience":11036},{"output":"aud","audience":7,"active":false}]}
            """);

        Assert.Equal([new AudienceConnectionDefinition("aud", 11036, true), new AudienceConnectionDefinition("aud", 7, false)], workspace.AudienceConnections);
        Assert.Equal(OutputTypes.BrazeAudience, Assert.Single(workspace.Outputs).Type);
    }

    [Theory]
    [InlineData("""{"audienceConnections":[{"output":"x","audience":1}]}""", "audienceConnections[0].output: there is no output 'x'")]
    [InlineData("""{"outputs":[{"id":"b","type":"braze","settings":{}}],"audienceConnections":[{"output":"b","audience":1}]}""", "audienceConnections[0].output: 'b' is a braze output")]
    [InlineData("""{"outputs":[{"id":"a","type":"braze_audience","settings":{}}],"audienceConnections":[{"output":"a"}]}""", "audienceConnections[0].audience: is required")]
    [InlineData("""{"outputs":[{"id":"a","type":"braze_audience","settings":{}}],"audienceConnections":[{"output":"a","audience":0}]}""", "audienceConnections[0].audience: is required and must be a positive")]
    [InlineData("""{"outputs":[{"id":"a","type":"braze_audience","settings":{}}],"audienceConnections":[{"output":"a","audience":3},{"output":"a","audience":3}]}""", "audienceConnections[1]: audience 3 is already connected")]
    [InlineData("""{"inputs":[{"id":"i","key":"k","secret":"0123456789abcdef"}],"outputs":[{"id":"a","type":"braze_audience","settings":{}}],"connections":[{"input":"i","output":"a"}]}""", "connections[0].output: 'a' is a braze_audience output")]
    [InlineData("""{"outputs":[{"id":"b","type":"braze"}]}""", "outputs[0].settings: is required")]
    [InlineData("""{"outputs":[{"id":"b","type":"braze","settings":{}},{"id":"b","type":"braze","settings":{}}]}""", "outputs[1].id: 'b' is used")]
    [InlineData("""{"outputs":[{"id":"b","type":"braze","settings":{}}],"connections":[{"input":"nope","output":"b"}]}""", "connections[0].input: there is no input 'nope'")]
    [InlineData("""{"inputs":[{"id":"a","key":"k","secret":"0123456789abcdef"}],"connections":[{"input":"a","output":"nope"}]}""", "connections[0].output: there is no output 'nope'")]
    [InlineData("""{"admin":{"token":"short"}}""", "admin.token: must be at least 24")]
    [InlineData("""{"audiences":[{"id":1,"name":"A","criteria":{"attribute":"plan","operator":"most","value":"x"}}]}""", "audiences[0].criteria.operator")]
    [InlineData("""{"audiences":[{"id":1,"name":"A","criteria":{"member_of":2}}]}""", "audiences[0]")]
    [InlineData("""{"processing":{"uniqueIdentities":["shoe_size"]}}""", "processing.uniqueIdentities[0]: 'shoe_size'")]
    [InlineData("""{"processing":{"uniqueIdentities":["email","email"]}}""", "processing.uniqueIdentities[1]: 'email' is listed twice")]
    [InlineData("""{"processing":{"uniqueIdentities":[]}}""", "processing.uniqueIdentities: list at least one")]
    [InlineData("""{"processing":{"eventRetentionDays":0}}""", "processing.eventRetentionDays")]
    [InlineData("""{"processing":{"inboxRetentionDays":0}}""", "processing.inboxRetentionDays: 0 is not between 1 and 3650")]
    [InlineData("""{"processing":{"inboxRetentionDays":"7"}}""", "processing.inboxRetentionDays")]
    [InlineData("""{"inputs":[{"id":"a","key":"k","secret":"0123456789abcdef","colour":"red"}]}""", "unknown field 'inputs[0].colour'")]
    [InlineData("""{"outputz":[]}""", "unknown field 'outputz'")]
    [InlineData("""{"inputs":[{"key":"k","secret":"0123456789abcdef"}]}""", "inputs[0].id: is required")]
    [InlineData("""{"inputs":[{"id":"Bad Id","key":"k","secret":"0123456789abcdef"}]}""", "inputs[0].id:")]
    [InlineData("""{"inputs":[{"id":"a","secret":"0123456789abcdef"}]}""", "inputs[0].key: is required")]
    [InlineData("""{"inputs":[{"id":"a","key":"k:x","secret":"0123456789abcdef"}]}""", "inputs[0].key: must not contain")]
    [InlineData("""{"inputs":[{"id":"a","key":"k","secret":"short"}]}""", "inputs[0].secret: must be at least 16")]
    [InlineData("""{"inputs":[{"id":"a","key":"k","secret":"0123456789abcdef","environment":"staging"}]}""", "inputs[0].environment:")]
    [InlineData("""{"inputs":[{"id":"a","key":"k","secret":"0123456789abcdef"},{"id":"a","key":"k2","secret":"0123456789abcdef"}]}""", "inputs[1].id: 'a' is used")]
    [InlineData("""{"inputs":[{"id":"a","key":"k","secret":"0123456789abcdef"},{"id":"b","key":"k","secret":"0123456789abcdef"}]}""", "inputs[1].key: is used")]
    [InlineData("""{"inputs":[{"id":"a","key":"k","secret":"0123456789abcdef","rateLimit":{"batchesPerSecond":0}}]}""", "inputs[0].rateLimit.batchesPerSecond")]
    [InlineData("""{"inputs":[{"id":"a","key":"k","secret":"0123456789abcdef","rateLimit":{"batchesPerSecond":10,"burst":5}}]}""", "inputs[0].rateLimit.burst")]
    [InlineData("""{"inputs":[{"id":"a","key":"k","secret":12}]}""", "inputs[0].secret")]
    [InlineData("""{"inputs": 5}""", "inputs")]
    [InlineData("""[1,2]""", "")]
    [InlineData("""{"inputs":[ """, "")]
    [InlineData("null", "must hold a JSON object")]
    [InlineData("{\n  \"inputs\": [\n    { \"id\": \"a\" \n  ]\n}", "(line 4, column 3)")]
    [InlineData("""{"inputs":[{"id":"a","key":"k","secret":"replace-with-a-long-random-secret"}]}""", "inputs[0].secret: still the placeholder from the documentation")]
    [InlineData("""{"inputs":[{"id":"a","key":"k","secret":"<your feed secret here>"}]}""", "inputs[0].secret: still the placeholder")]
    [InlineData("""{"inputs":[{"id":"a","key":"k","secret":"................"}]}""", "inputs[0].secret: still the placeholder")]
    [InlineData("""{"admin":{"token":"replace-with-a-long-random-admin-token"}}""", "admin.token: still the placeholder from the documentation; set a random value")]
    public void An_invalid_file_fails_with_a_message_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<WorkspaceException>(() => WorkspaceLoader.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_workspace_file_is_valid()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "samples", "workspace.json")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var workspace = WorkspaceLoader.LoadFile(Path.Combine(directory.FullName, "samples", "workspace.json"));

        Assert.Equal(["ios-app", "backend", "braze-unbound"], workspace.Inputs.Select(i => i.Id));
        Assert.Equal(InputFeedKind.BrazeUnbound, workspace.Inputs[2].Kind);
        Assert.Single(workspace.Audiences);
        Assert.NotNull(workspace.AdminToken);
        // It has somewhere to send data: outputs (the in-process sandbox) and connections to them.
        Assert.Equal(["braze", "braze-audiences"], workspace.Outputs.Select(o => o.Id));
        Assert.All(workspace.Outputs, o => Assert.Contains("\"Sandbox\"", o.SettingsJson, StringComparison.Ordinal));
        Assert.Equal(["ios-app", "backend"], workspace.Connections.Select(c => c.InputId));
        Assert.Single(workspace.AudienceConnections);
        // The sample's own values are no documented placeholders, so it starts as it is.
        Assert.All(workspace.Inputs, i => Assert.False(PlaceholderSecrets.IsPlaceholder(i.Secret)));
    }

    [Theory]
    [InlineData("replace-with-a-long-random-secret", true)]
    [InlineData("REPLACE-WITH-IT", true)]
    [InlineData("your-rest-api-key", true)]
    [InlineData("<secret>", true)]
    [InlineData("...", true)]
    [InlineData("changeme", true)]
    [InlineData("sample-ios-app-secret-4f1c9e2a", false)]
    [InlineData("0123456789abcdef", false)]
    [InlineData("a-your-secret", false)]
    public void Placeholders_from_the_docs_are_recognised_and_real_values_are_not(string value, bool placeholder) =>
        Assert.Equal(placeholder, PlaceholderSecrets.IsPlaceholder(value));

    [Fact]
    public void A_missing_file_fails_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-workspace-" + Guid.NewGuid().ToString("N") + ".json");

        var error = Assert.Throws<WorkspaceException>(() => WorkspaceLoader.LoadFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_feed_never_shows_its_secret_when_printed()
    {
        var feed = WorkspaceLoader.Parse(Valid).Inputs[0];

        Assert.DoesNotContain("0123456789abcdef", feed.ToString(), StringComparison.Ordinal);
    }
}
