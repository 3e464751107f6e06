using System.Net;

namespace Switchyard.Sandbox.Tests.Http;

/// <summary><c>RequireFieldsToExport</c>: Braze's rule for workspaces onboarded on or after 2024-08-22, on by default.</summary>
public sealed class ExportFieldsRequiredHttpTests
{
    [Fact]
    public async Task An_export_without_fields_to_export_is_refused_by_default()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","plan":"pro"}]}""");

        var (refused, body) = await sandbox.PostAsync("/users/export/ids", """{"external_ids":["u1"]}""");
        var (listed, exported) = await sandbox.PostAsync("/users/export/ids", """{"external_ids":["u1"],"fields_to_export":["custom_attributes"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("'fields_to_export' is required", (string?)body!["message"]);
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal("""{"custom_attributes":{"plan":"pro"}}""", exported!["users"]![0]!.ToJsonString());
    }

    [Fact]
    public async Task An_older_workspace_exports_every_field_without_fields_to_export()
    {
        await using var sandbox = await SandboxHttp.StartAsync(o => o.RequireFieldsToExport = false);
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","plan":"pro"}]}""");

        var (status, body) = await sandbox.PostAsync("/users/export/ids", """{"external_ids":["u1"]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pro", (string?)body!["users"]![0]!["custom_attributes"]!["plan"]);
        Assert.Equal("u1", (string?)body["users"]![0]!["external_id"]);
    }

    [Fact]
    public async Task Strict_mode_requires_fields_to_export_even_when_the_options_relax_it()
    {
        await using var sandbox = await SandboxHttp.StartAsync(o =>
        {
            o.RequireFieldsToExport = false;
            o.Strict = true;
        });

        var (status, body) = await sandbox.PostAsync("/users/export/ids", """{"external_ids":["u1"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("'fields_to_export' is required", (string?)body!["message"]);
    }
}
