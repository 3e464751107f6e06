namespace Switchyard.Sandbox.Segments;

/// <summary>Gives segment evaluation a consistent snapshot of every user the sandbox holds.</summary>
public interface ISandboxUserDirectory
{
    IReadOnlyList<ISegmentSubject> SnapshotUsers();
}
