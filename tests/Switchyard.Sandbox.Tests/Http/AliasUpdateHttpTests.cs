using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.RateLimits;

namespace Switchyard.Sandbox.Tests.Http;

/// <summary><c>/users/alias/update</c> over HTTP.</summary>
public sealed class AliasUpdateHttpTests
{
    private static async Task<JsonArray> ExportByAliasAsync(SandboxHttp sandbox, string label, string name)
    {
        var (status, body) = await sandbox.PostAsync("/users/export/ids", $$"""
            {"user_aliases":[{"alias_label":"{{label}}","alias_name":"{{name}}"}],"fields_to_export":["external_id","user_aliases"]}
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        return body!["users"]!.AsArray();
    }

    [Fact]
    public async Task An_alias_is_renamed_under_its_label_and_unknown_or_taken_ones_change_nothing()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.PostAsync("/users/alias/new", """
            {"user_aliases":[{"alias_name":"old","alias_label":"crm"},{"alias_name":"taken","alias_label":"crm"},{"alias_name":"keep","alias_label":"crm"}]}
            """);

        var (status, body) = await sandbox.PostAsync("/users/alias/update", """
            {"alias_updates":[
              {"alias_label":"crm","old_alias_name":"old","new_alias_name":"new"},
              {"alias_label":"crm","old_alias_name":"ghost","new_alias_name":"other"},
              {"alias_label":"crm","old_alias_name":"keep","new_alias_name":"taken"}]}
            """);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("success", (string?)body!["message"]);
        Assert.Empty(await ExportByAliasAsync(sandbox, "crm", "old"));
        Assert.Equal("""[{"alias_name":"new","alias_label":"crm"}]""", (await ExportByAliasAsync(sandbox, "crm", "new")).Single()!["user_aliases"]!.ToJsonString());
        Assert.Empty(await ExportByAliasAsync(sandbox, "crm", "other"));
        Assert.Single(await ExportByAliasAsync(sandbox, "crm", "keep"));
        Assert.Single(await ExportByAliasAsync(sandbox, "crm", "taken"));
        Assert.Equal(3, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
    }

    [Theory]
    [InlineData("""{}""", "'alias_updates' must be a non-empty array")]
    [InlineData("""{"alias_updates":"x"}""", "'alias_updates' must be an array")]
    [InlineData("""{"alias_updates":[7]}""", "'alias_updates[0]' must be an object with 'alias_label', 'old_alias_name' and 'new_alias_name'")]
    [InlineData("""{"alias_updates":[{"alias_label":"crm","old_alias_name":"old"}]}""", "'alias_updates[0].new_alias_name' must be a non-empty string")]
    [InlineData("""{"alias_updates":[{"alias_label":"crm","old_alias_name":"old","new_alias_name":"n"},{"alias_label":"","old_alias_name":"old","new_alias_name":"n"}]}""", "'alias_updates[1].alias_label' must be a non-empty string")]
    public async Task A_malformed_request_is_a_400_naming_the_field_and_renames_nothing(string json, string message)
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.PostAsync("/users/alias/new", """{"user_aliases":[{"alias_name":"old","alias_label":"crm"}]}""");

        var (status, body) = await sandbox.PostAsync("/users/alias/update", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, (string?)body!["message"]);
        Assert.Single(await ExportByAliasAsync(sandbox, "crm", "old"));
    }

    [Fact]
    public async Task Alias_update_needs_its_permission_and_shares_the_user_writes_budget()
    {
        await using var sandbox = await SandboxHttp.StartAsync(o =>
        {
            o.ApiKeys.Add(new SandboxApiKey("alias-only", "users.alias.update"));
            o.Control.RateLimits = new SandboxRateLimitOptions { UserWrites = new(1, 60) };
        });
        const string Update = """{"alias_updates":[{"alias_label":"crm","old_alias_name":"a","new_alias_name":"b"}]}""";

        var (refused, _) = await sandbox.PostAsync("/users/alias/update", Update, SandboxHttp.TrackOnlyKey);
        var (allowed, _) = await sandbox.PostAsync("/users/alias/update", Update, "alias-only");
        var (full, _) = await sandbox.PostAsync("/users/alias/update", Update);
        var (merge, _) = await sandbox.PostAsync("/users/merge", """{"merge_updates":[]}""");

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal(HttpStatusCode.Created, allowed);
        Assert.Equal(HttpStatusCode.Created, full);
        Assert.Equal(HttpStatusCode.TooManyRequests, merge);
    }
}
