using System.Net;
using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Tests.Http;

public sealed class UserEndpointHttpTests
{
    private static async Task<JsonArray> ExportUsersAsync(SandboxHttp sandbox, string json)
    {
        var (status, body) = await sandbox.PostAsync("/users/export/ids", json.TrimEnd()[..^1] + "," + SandboxHttp.AllFields + "}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body!["users"]!.AsArray();
    }

    [Fact]
    public async Task Export_lists_unknown_ids_as_invalid_and_honours_fields_to_export()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"A","x":1}]}""");

        var (status, body) = await sandbox.PostAsync("/users/export/ids", """{"external_ids":["u1","ghost"],"fields_to_export":["external_id","first_name"]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""[{"external_id":"u1","first_name":"A"}]""", body!["users"]!.ToJsonString());
        Assert.Equal("""["ghost"]""", body["invalid_user_ids"]!.ToJsonString());
    }

    [Fact]
    public async Task Export_finds_users_by_alias_email_phone_and_braze_id()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""
            {"attributes":[{"user_alias":{"alias_name":"a1","alias_label":"crm"},"_update_existing_only":false,"email":"a@example.com","phone":"+15550001111"}]}
            """);

        var byAlias = await ExportUsersAsync(sandbox, """{"user_aliases":[{"alias_name":"a1","alias_label":"crm"}]}""");
        var brazeId = (string)byAlias.Single()!["braze_id"]!;

        Assert.Single(await ExportUsersAsync(sandbox, """{"email_address":"a@example.com"}"""));
        Assert.Single(await ExportUsersAsync(sandbox, """{"phone":"+1 555 000 1111"}"""));
        Assert.Single(await ExportUsersAsync(sandbox, $$"""{"braze_id":"{{brazeId}}"}"""));
        Assert.Equal("""[{"alias_name":"a1","alias_label":"crm"}]""", byAlias.Single()!["user_aliases"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"fields_to_export":["external_id"]}""")]
    [InlineData("""{"braze_id":"a","email_address":"b@example.com","fields_to_export":["external_id"]}""")]
    [InlineData("""{"external_ids":["u1"],"braze_id":"a","fields_to_export":["external_id"]}""")]
    [InlineData("""{"external_ids":"u1","fields_to_export":["external_id"]}""")]
    [InlineData("""{"external_ids":["u1"],"fields_to_export":["shoe_size"]}""")]
    public async Task Export_rejects_requests_that_do_not_name_users_properly(string json)
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body) = await sandbox.PostAsync("/users/export/ids", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body!["message"]);
    }

    [Fact]
    public async Task Every_user_endpoint_refuses_more_than_50_items()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        var ids = string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"u{i}\""));

        var (exportStatus, _) = await sandbox.PostAsync("/users/export/ids", $$"""{"external_ids":[{{ids}}],"fields_to_export":["external_id"]}""");
        var (deleteStatus, _) = await sandbox.PostAsync("/users/delete", $$"""{"external_ids":[{{ids}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, exportStatus);
        Assert.Equal(HttpStatusCode.BadRequest, deleteStatus);
    }

    [Fact]
    public async Task Delete_removes_users_by_each_kind_of_identifier()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""
            {"attributes":[{"external_id":"u1"},{"external_id":"u2","email":"two@example.com"},
                           {"user_alias":{"alias_name":"a","alias_label":"l"},"_update_existing_only":false},{"external_id":"u4"}]}
            """);

        var (status, body) = await sandbox.PostAsync("/users/delete", """{"external_ids":["u1","ghost"]}""");
        var (_, byAlias) = await sandbox.PostAsync("/users/delete", """{"user_aliases":[{"alias_name":"a","alias_label":"l"}]}""");
        var (_, byEmail) = await sandbox.PostAsync("/users/delete", """
            {"email_addresses":[{"email":"two@example.com","prioritization":["identified"]}]}
            """);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(1, (int)body!["deleted"]!);
        Assert.Equal(1, (int)byAlias!["deleted"]!);
        Assert.Equal(1, (int)byEmail!["deleted"]!);
        var remaining = (await sandbox.GetAsync("/_sandbox/users"))["users"]!.AsArray();
        Assert.Equal("u4", (string?)Assert.Single(remaining)!["external_id"]);
    }

    [Fact]
    public async Task Delete_refuses_a_request_that_mixes_identifier_kinds_and_deletes_nothing()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1"},{"external_id":"u2"}]}""");
        var brazeId = (string?)(await sandbox.ExportAsync("u2"))["braze_id"];

        var (status, body) = await sandbox.PostAsync("/users/delete", $$"""{"external_ids":["u1"],"braze_ids":["{{brazeId}}"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("only one of", (string?)body!["message"], StringComparison.Ordinal);
        Assert.Equal(2, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
    }

    [Fact]
    public async Task Alias_new_creates_alias_only_users_and_adds_aliases_to_known_users()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1"}]}""");

        var (status, body) = await sandbox.PostAsync("/users/alias/new", """
            {"user_aliases":[{"alias_name":"anon","alias_label":"web"},{"external_id":"u1","alias_name":"crm-1","alias_label":"crm"},
                             {"external_id":"ghost","alias_name":"g","alias_label":"crm"}]}
            """);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("""{"aliases_processed":3,"message":"success"}""", body!.ToJsonString());
        Assert.Equal("""[{"alias_name":"crm-1","alias_label":"crm"}]""", (await sandbox.ExportAsync("u1"))["user_aliases"]!.ToJsonString());
        Assert.Single(await ExportUsersAsync(sandbox, """{"user_aliases":[{"alias_name":"anon","alias_label":"web"}]}"""));
        Assert.Empty(await ExportUsersAsync(sandbox, """{"user_aliases":[{"alias_name":"g","alias_label":"crm"}]}"""));
    }

    [Fact]
    public async Task Identify_merges_the_anonymous_profile_into_the_identified_one()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""
            {"attributes":[
               {"external_id":"u1","first_name":"Known","plan":"gold"},
               {"user_alias":{"alias_name":"anon","alias_label":"web"},"_update_existing_only":false,"first_name":"Anon","last_name":"Only","color":"red"}],
             "events":[
               {"external_id":"u1","name":"view","time":"2026-01-05"},
               {"user_alias":{"alias_name":"anon","alias_label":"web"},"name":"view","time":"2026-01-01"},
               {"user_alias":{"alias_name":"anon","alias_label":"web"},"name":"view","time":"2026-01-09"}]}
            """);

        var (status, body) = await sandbox.PostAsync("/users/identify", """
            {"aliases_to_identify":[{"external_id":"u1","user_alias":{"alias_name":"anon","alias_label":"web"}}]}
            """);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(1, (int)body!["aliases_processed"]!);
        var user = await sandbox.ExportAsync("u1");
        Assert.Equal("Known", (string?)user["first_name"]);
        Assert.Equal("Only", (string?)user["last_name"]);
        Assert.Equal("""{"plan":"gold","color":"red"}""", user["custom_attributes"]!.ToJsonString());
        Assert.Equal("""[{"name":"view","first":"2026-01-01T00:00:00.000Z","last":"2026-01-09T00:00:00.000Z","count":3}]""", user["custom_events"]!.ToJsonString());
        Assert.Equal("""[{"alias_name":"anon","alias_label":"web"}]""", user["user_aliases"]!.ToJsonString());
        Assert.Equal(1, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
    }

    [Fact]
    public async Task Identify_does_not_merge_when_the_target_already_has_an_alias_with_that_label()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""
            {"attributes":[
               {"external_id":"u1"},
               {"user_alias":{"alias_name":"anon","alias_label":"web"},"_update_existing_only":false,"color":"red"}]}
            """);
        await sandbox.PostAsync("/users/alias/new", """{"user_aliases":[{"external_id":"u1","alias_name":"other","alias_label":"web"}]}""");

        await sandbox.PostAsync("/users/identify", """{"aliases_to_identify":[{"external_id":"u1","user_alias":{"alias_name":"anon","alias_label":"web"}}]}""");

        Assert.Equal("{}", (await sandbox.ExportAsync("u1"))["custom_attributes"]!.ToJsonString());
        Assert.Equal(2, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
    }

    [Fact]
    public async Task Identify_gives_an_unknown_external_id_to_the_anonymous_profile()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"email":"e@example.com","color":"blue"}]}""");

        await sandbox.PostAsync("/users/identify", """{"emails_to_identify":[{"external_id":"new","email":"e@example.com","prioritization":["unidentified"]}]}""");

        Assert.Equal("blue", (string?)(await sandbox.ExportAsync("new"))["custom_attributes"]!["color"]);
    }

    [Fact]
    public async Task Merge_answers_202_and_folds_one_profile_into_the_other()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""
            {"attributes":[{"external_id":"keep","first_name":"K"},{"external_id":"old","first_name":"O","home_city":"Paris"}],
             "purchases":[{"external_id":"old","product_id":"p","currency":"EUR","price":1,"time":"2026-01-01"}]}
            """);

        var (status, body) = await sandbox.PostAsync("/users/merge", """
            {"merge_updates":[{"identifier_to_merge":{"external_id":"old"},"identifier_to_keep":{"external_id":"keep"}}]}
            """);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("""{"message":"success"}""", body!.ToJsonString());
        var kept = await sandbox.ExportAsync("keep");
        Assert.Equal("K", (string?)kept["first_name"]);
        Assert.Equal("Paris", (string?)kept["home_city"]);
        Assert.Equal(1, (int)kept["purchases"]![0]!["count"]!);
        var (_, export) = await sandbox.PostAsync("/users/export/ids", """{"external_ids":["old"],"fields_to_export":["external_id"]}""");
        Assert.Equal("""["old"]""", export!["invalid_user_ids"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"merge_updates":"x"}""", "'merge_updates' must be an array of objects")]
    [InlineData("""{"merge_updates":[1]}""", "'merge_updates' must be an array of objects")]
    [InlineData("""{}""", "'merge_updates' must be an array of objects")]
    public async Task Merge_rejects_a_malformed_update_list_with_the_braze_message(string json, string message)
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body) = await sandbox.PostAsync("/users/merge", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, (string?)body!["message"]);
    }

    [Fact]
    public async Task Merge_rejects_more_than_50_updates()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        var updates = string.Join(',', Enumerable.Range(0, 51).Select(i => $$$"""{"identifier_to_merge":{"external_id":"a{{{i}}}"},"identifier_to_keep":{"external_id":"b"}}"""));

        var (status, body) = await sandbox.PostAsync("/users/merge", $$"""{"merge_updates":[{{updates}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("more than 50 merge updates", (string?)body!["message"], StringComparison.Ordinal);
    }
}
