using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Track;

/// <summary>
/// The validated effect of one standard profile field: an error that fails the whole object, or an action to apply
/// once the user is known, with the data points it bills (0 for free or ignored fields, reference/braze.md §4).
/// </summary>
internal readonly record struct ProfileChange(string? Error, Action<SandboxUser, UserWriteSession>? Apply, int DataPoints)
{
    public static ProfileChange Fail(string error) => new(error, null, 0);

    public static ProfileChange Ignore() => new(null, null, 0);

    public static ProfileChange Set(Action<SandboxUser, UserWriteSession> apply, int dataPoints) => new(null, apply, dataPoints);
}
