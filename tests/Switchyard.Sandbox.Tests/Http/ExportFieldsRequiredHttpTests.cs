using System.Net;

namespace Switchyard.Sandbox.Tests.Http;

/// <summary><c>RequireFieldsToExport</c>: Braze's rule for workspaces onboarded on or after 2024-08-22.</summary>
public sealed class ExportFieldsRequiredHttpTests
{
    [Fact]
    public async Task An_export_without_fields_to_export_is_refused_when_the_workspace_requires_it()
    {
        await using var sandbox = await SandboxHttp.StartAsync(o => o.RequireFieldsToExport = true);
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","plan":"pro"}]}""");

        var (refused, body) = await sandbox.PostAsync("/users/export/ids", """{"external_ids":["u1"]}""");
        var (listed, exported) = await sandbox.PostAsync("/users/export/ids", """{"external_ids":["u1"],"fields_to_export":["custom_attributes"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("'fields_to_export' is required", (string?)body!["message"]);
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal("pro", (string?)exported!["users"]![0]!["custom_attributes"]!["plan"]);
    }

    [Fact]
    public async Task An_export_without_fields_to_export_returns_every_field_by_default()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","plan":"pro"}]}""");

        var (status, body) = await sandbox.PostAsync("/users/export/ids", """{"external_ids":["u1"]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pro", (string?)body!["users"]![0]!["custom_attributes"]!["plan"]);
    }
}
