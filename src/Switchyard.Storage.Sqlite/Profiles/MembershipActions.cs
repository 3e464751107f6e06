using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>How a <see cref="MembershipAction"/> is spelled in the <c>membership_changes</c> table.</summary>
internal static class MembershipActions
{
    public static string ToColumn(MembershipAction action) => action switch
    {
        MembershipAction.Add => "add",
        MembershipAction.Remove => "remove",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Not a membership action."),
    };

    public static MembershipAction FromColumn(string value) => value switch
    {
        "add" => MembershipAction.Add,
        "remove" => MembershipAction.Remove,
        _ => throw new InvalidDataException($"'{value}' is not a stored membership action."),
    };
}
