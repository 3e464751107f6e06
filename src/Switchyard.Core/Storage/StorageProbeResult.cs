namespace Switchyard.Core.Storage;

/// <summary>What a <see cref="IStorageProbe"/> found.</summary>
/// <param name="Reachable">Whether the database answered in time.</param>
/// <param name="Problem">Why not, in one line without credentials; null when it answered.</param>
public sealed record StorageProbeResult(bool Reachable, string? Problem)
{
    /// <summary>The database answered.</summary>
    public static StorageProbeResult Ok { get; } = new(true, null);

    /// <summary>The database did not answer, for the reason given.</summary>
    public static StorageProbeResult Unreachable(string problem) => new(false, problem);
}
