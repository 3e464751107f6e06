using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.RateLimits;

namespace Switchyard.Sandbox.Tests.Http;

/// <summary><c>/users/external_ids/rename</c> and <c>/users/external_ids/remove</c> over HTTP.</summary>
public sealed class ExternalIdMigrationHttpTests
{
    private const string Fields = "\"fields_to_export\":[\"external_id\",\"braze_id\",\"first_name\"]";

    private static async Task<JsonArray> ExportAsync(SandboxHttp sandbox, string externalId)
    {
        var (status, body) = await sandbox.PostAsync("/users/export/ids", $$"""{"external_ids":["{{externalId}}"],{{Fields}}}""");
        Assert.Equal(HttpStatusCode.OK, status);
        return body!["users"]!.AsArray();
    }

    [Fact]
    public async Task A_renamed_user_gets_the_new_primary_id_and_is_still_found_and_written_by_the_old_one()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"old-1","first_name":"Ada"}]}""");
        var brazeId = (string)(await ExportAsync(sandbox, "old-1")).Single()!["braze_id"]!;

        var (status, body) = await sandbox.PostAsync("/users/external_ids/rename", """
            {"external_id_renames":[{"current_external_id":"old-1","new_external_id":"new-1"}]}
            """);
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"old-1","first_name":"Grace"}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"message":"success","external_ids":["old-1"],"rename_errors":[]}""", body!.ToJsonString());
        var byNew = (await ExportAsync(sandbox, "new-1")).Single()!;
        var byOld = (await ExportAsync(sandbox, "old-1")).Single()!;
        Assert.Equal("new-1", (string?)byNew["external_id"]);
        Assert.Equal(brazeId, (string?)byNew["braze_id"]);
        Assert.Equal(brazeId, (string?)byOld["braze_id"]);
        Assert.Equal("Grace", (string?)byNew["first_name"]);
        Assert.Equal(1, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
        Assert.Equal(2, await sandbox.DataPointsAsync());
    }

    [Fact]
    public async Task Renames_that_break_a_rule_are_listed_by_index_and_the_others_are_applied()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"a"},{"external_id":"b"},{"external_id":"c"}]}""");
        await sandbox.PostAsync("/users/external_ids/rename", """{"external_id_renames":[{"current_external_id":"c","new_external_id":"c2"}]}""");

        var (status, body) = await sandbox.PostAsync("/users/external_ids/rename", """
            {"external_id_renames":[
              {"current_external_id":"ghost","new_external_id":"x"},
              {"current_external_id":"a","new_external_id":"b"},
              {"current_external_id":"a","new_external_id":"a"},
              {"current_external_id":"c","new_external_id":"c3"},
              {"current_external_id":"b","new_external_id":"c"},
              {"current_external_id":"a"},
              "a",
              {"current_external_id":"a","new_external_id":"a2"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""["a"]""", body!["external_ids"]!.ToJsonString());
        var errors = body["rename_errors"]!.AsArray().Select(e => (int)e![0]!).ToList();
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], errors);
        Assert.All(body["rename_errors"]!.AsArray(), e => Assert.False(string.IsNullOrEmpty((string?)e![1])));
        Assert.Contains("deprecated", (string)body["rename_errors"]![3]![1]!, StringComparison.Ordinal);
        Assert.Equal("a2", (string?)(await ExportAsync(sandbox, "a")).Single()!["external_id"]);
        Assert.Equal("b", (string?)(await ExportAsync(sandbox, "b")).Single()!["external_id"]);
    }

    [Fact]
    public async Task Remove_drops_only_deprecated_ids_and_reports_primary_and_unknown_ones()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"old","first_name":"Ada"}]}""");
        await sandbox.PostAsync("/users/external_ids/rename", """{"external_id_renames":[{"current_external_id":"old","new_external_id":"new"}]}""");

        var (status, body) = await sandbox.PostAsync("/users/external_ids/remove", """{"external_ids":["new","ghost",7,"old"]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("success", (string?)body!["message"]);
        Assert.Equal("""["old"]""", body["removed_ids"]!.ToJsonString());
        Assert.Equal([0, 1, 2], body["removal_errors"]!.AsArray().Select(e => (int)e![0]!));
        Assert.Empty(await ExportAsync(sandbox, "old"));
        Assert.Equal("Ada", (string?)(await ExportAsync(sandbox, "new")).Single()!["first_name"]);

        // The removed id is free again: tracking it makes a new profile.
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"old","first_name":"Someone else"}]}""");
        Assert.Equal(2, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
    }

    [Fact]
    public async Task Deprecated_ids_survive_a_restart_with_a_data_directory()
    {
        var directory = Directory.CreateTempSubdirectory("sandbox-rename-").FullName;
        try
        {
            await using (var first = await SandboxHttp.StartAsync(o => o.DataDirectory = directory))
            {
                await first.TrackAsync("""{"attributes":[{"external_id":"old","first_name":"Ada"}]}""");
                await first.PostAsync("/users/external_ids/rename", """{"external_id_renames":[{"current_external_id":"old","new_external_id":"new"}]}""");
            }

            await using var second = await SandboxHttp.StartAsync(o => o.DataDirectory = directory);
            Assert.Equal("new", (string?)(await ExportAsync(second, "old")).Single()!["external_id"]);
            var (_, body) = await second.PostAsync("/users/external_ids/remove", """{"external_ids":["old"]}""");
            Assert.Equal("""["old"]""", body!["removed_ids"]!.ToJsonString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("/users/external_ids/rename", """{}""", "'external_id_renames' must be a non-empty array")]
    [InlineData("/users/external_ids/rename", """{"external_id_renames":[]}""", "'external_id_renames' must be a non-empty array")]
    [InlineData("/users/external_ids/rename", """{"external_id_renames":{"current_external_id":"a"}}""", "'external_id_renames' must be an array")]
    [InlineData("/users/external_ids/remove", """{"external_ids":[]}""", "'external_ids' must be a non-empty array")]
    [InlineData("/users/external_ids/remove", """{"external_ids":"a"}""", "'external_ids' must be an array")]
    public async Task A_missing_or_empty_list_is_a_400_naming_the_field(string path, string json, string message)
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body) = await sandbox.PostAsync(path, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, (string?)body!["message"]);
    }

    [Theory]
    [InlineData("/users/external_ids/rename", "external_id_renames", """{"current_external_id":"a","new_external_id":"b"}""")]
    [InlineData("/users/external_ids/remove", "external_ids", "\"a\"")]
    public async Task More_than_50_items_are_refused_and_nothing_changes(string path, string field, string item)
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"a"}]}""");

        var (status, body) = await sandbox.PostAsync(path, $$"""{"{{field}}":[{{string.Join(",", Enumerable.Repeat(item, 51))}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"'{field}' must not contain more than 50 items", (string?)body!["message"]);
        Assert.Equal("a", (string?)(await ExportAsync(sandbox, "a")).Single()!["external_id"]);
    }

    [Theory]
    [InlineData("/users/external_ids/rename", "users.external_ids.rename")]
    [InlineData("/users/external_ids/remove", "users.external_ids.remove")]
    public async Task Each_endpoint_needs_its_own_permission(string path, string permission)
    {
        await using var sandbox = await SandboxHttp.StartAsync(o => o.ApiKeys.Add(new SandboxApiKey("scoped", permission)));

        var (refused, _) = await sandbox.PostAsync(path, """{"external_ids":["a"],"external_id_renames":[{"current_external_id":"a","new_external_id":"b"}]}""", SandboxHttp.TrackOnlyKey);
        var (allowed, _) = await sandbox.PostAsync(path, """{"external_ids":["a"],"external_id_renames":[{"current_external_id":"a","new_external_id":"b"}]}""", "scoped");

        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal(HttpStatusCode.OK, allowed);
    }

    [Fact]
    public async Task Rename_and_remove_have_separate_budgets_of_their_own()
    {
        await using var sandbox = await SandboxHttp.StartAsync(o => o.Control.RateLimits = new SandboxRateLimitOptions { ExternalIds = new(1, 60) });
        const string Rename = """{"external_id_renames":[{"current_external_id":"a","new_external_id":"b"}]}""";

        var (first, _) = await sandbox.PostAsync("/users/external_ids/rename", Rename);
        var (second, _) = await sandbox.PostAsync("/users/external_ids/rename", Rename);
        var (remove, _) = await sandbox.PostAsync("/users/external_ids/remove", """{"external_ids":["a"]}""");
        var (track, _) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"a"}]}""");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, second);
        Assert.Equal(HttpStatusCode.OK, remove);
        Assert.Equal(HttpStatusCode.Created, track);
        var limits = await sandbox.GetAsync("/_sandbox/ratelimits");
        Assert.Equal(1, (int)limits["external_ids"]!["limit"]!);
    }
}
