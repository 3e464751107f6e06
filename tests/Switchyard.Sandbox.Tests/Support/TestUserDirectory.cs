using Switchyard.Sandbox.Segments;

namespace Switchyard.Sandbox.Tests.Support;

/// <summary>A fixed set of users standing in for the host's user store.</summary>
internal sealed class TestUserDirectory(params ISegmentSubject[] users) : ISandboxUserDirectory
{
    public IReadOnlyList<ISegmentSubject> SnapshotUsers() => users;
}
