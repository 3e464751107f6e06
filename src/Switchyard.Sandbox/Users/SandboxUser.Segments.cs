using System.Text.Json.Nodes;
using Switchyard.Sandbox.Time;

namespace Switchyard.Sandbox.Users;

/// <summary>The <see cref="Segments.ISegmentSubject"/> view: profile fields first, then custom attributes.</summary>
internal sealed partial class SandboxUser
{
    public JsonNode? GetAttribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (name)
        {
            case "external_id":
                return ExternalId is null ? null : JsonValue.Create(ExternalId);
            case "braze_id":
                return JsonValue.Create(BrazeId);
            case "created_at":
                return JsonValue.Create(BrazeTime.Format(CreatedAt));
            case "updated_at":
                return JsonValue.Create(BrazeTime.Format(UpdatedAt));
            default:
                break;
        }

        if (Profile.TryGetValue(name, out var profileValue))
        {
            return profileValue;
        }

        return CustomAttributes.TryGetValue(name, out var custom) ? custom : null;
    }
}
