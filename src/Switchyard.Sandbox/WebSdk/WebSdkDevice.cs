using System.Text.Json.Nodes;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// A device's anonymous user. Braze keeps data logged before <c>changeUser</c> on an anonymous profile of the device;
/// the sandbox finds that profile through an alias with this label and the SDK's <c>device_id</c> as its name, so
/// /users/export/ids finds it by <c>user_aliases</c> (and by <c>device_id</c>).
/// </summary>
internal static class WebSdkDevice
{
    public const string AliasLabel = "braze_web_sdk_device_id";

    public static UserAlias Alias(string deviceId) => new(AliasLabel, deviceId);

    /// <summary>The /users/track identity of an object: the external id, or the device's anonymous user (created if new).</summary>
    public static JsonObject Identity(string? userId, string deviceId) => userId is not null
        ? new JsonObject { ["external_id"] = userId }
        : new JsonObject
        {
            ["user_alias"] = new JsonObject { ["alias_name"] = deviceId, ["alias_label"] = AliasLabel },
            ["_update_existing_only"] = false,
        };

    /// <summary>
    /// <c>changeUser</c> to an external id Braze does not know yet identifies the device's anonymous profile with it,
    /// keeping what was logged anonymously (Braze: User profile lifecycle,
    /// https://www.braze.com/docs/user_guide/data/unification/user_data/user_profile_lifecycle/). For an id that exists
    /// already Braze copies some fields the identified profile lacks; the sandbox leaves all anonymous data behind.
    /// </summary>
    public static void IdentifyAnonymousUser(UserWriteSession session, string deviceId, string userId)
    {
        if (session.FindByExternalId(userId) is null && session.FindByAlias(Alias(deviceId)) is { ExternalId: null } anonymous)
        {
            session.SetExternalId(anonymous, userId);
        }
    }
}
