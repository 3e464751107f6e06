using System.Text.Json.Nodes;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Tests.Users;

public sealed class UserDocumentTests
{
    [Fact]
    public void A_document_written_before_renames_existed_loads_without_deprecated_ids()
    {
        var old = JsonNode.Parse("""
            {"braze_id":"b1","external_id":"u1","created_at":"2026-01-01T00:00:00.000Z","updated_at":"2026-01-01T00:00:00.000Z",
             "aliases":{},"profile":{},"custom_attributes":{},"custom_events":[],"purchases":[],"push_tokens":[],"subscription_groups":{}}
            """)!.AsObject();

        var user = SandboxUser.FromDocument(old);

        Assert.Equal("u1", user.ExternalId);
        Assert.Empty(user.DeprecatedExternalIds);
    }

    [Fact]
    public void Deprecated_ids_round_trip_through_the_document_in_order()
    {
        var user = new SandboxUser("b1", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { ExternalId = "u3" };
        user.DeprecatedExternalIds.AddRange(["u1", "u2"]);

        var loaded = SandboxUser.FromDocument(JsonNode.Parse(user.ToDocument().ToJsonString())!.AsObject());

        Assert.Equal(["u1", "u2"], loaded.DeprecatedExternalIds);
        Assert.Equal(["u1", "u2"], loaded.DeepClone().DeprecatedExternalIds);
    }
}
