namespace Switchyard.Sandbox.Users;

/// <summary>Email and phone lookups, the same over the store and over a delayed view.</summary>
internal static class UserLookupExtensions
{
    public static IReadOnlyList<SandboxUser> FindAllByEmail(this IUserLookup users, string email) =>
        users.FindAll(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<SandboxUser> FindAllByPhone(this IUserLookup users, string phone) =>
        users.FindAll(u => u.Phone == phone);
}
