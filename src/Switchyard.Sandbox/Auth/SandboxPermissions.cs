namespace Switchyard.Sandbox.Auth;

/// <summary>REST key permissions the sandbox checks; each endpoint needs its own (reference/braze.md §2, [BASICS]).</summary>
public static class SandboxPermissions
{
    public const string UsersTrack = "users.track";
    public const string UsersDelete = "users.delete";
    public const string UsersAliasNew = "users.alias.new";
    public const string UsersAliasUpdate = "users.alias.update";
    public const string UsersIdentify = "users.identify";
    public const string UsersMerge = "users.merge";
    public const string UsersExportIds = "users.export.ids";
    public const string UsersExternalIdsRename = "users.external_ids.rename";
    public const string UsersExternalIdsRemove = "users.external_ids.remove";

    /// <summary>Every permission; a key configured without permissions gets all of these.</summary>
    public static IReadOnlyList<string> All { get; } =
        [UsersTrack, UsersDelete, UsersAliasNew, UsersAliasUpdate, UsersIdentify, UsersMerge, UsersExportIds,
            UsersExternalIdsRename, UsersExternalIdsRemove];
}
