namespace Switchyard.Core.Workspace;

/// <summary>
/// The inputs, outputs and connections created or changed through the admin API, kept across restarts. The store keeps
/// the JSON as given; validating it is <see cref="LiveWorkspace"/>'s job, when it is saved and again at start-up.
/// </summary>
public interface IWorkspaceEntryStore
{
    /// <summary>Every saved entry, oldest change first.</summary>
    Task<IReadOnlyList<StoredWorkspaceEntry>> WorkspaceEntriesAsync(CancellationToken cancellationToken);

    /// <summary>Creates or replaces the entry of this kind and id.</summary>
    Task SaveWorkspaceEntryAsync(WorkspaceEntryKind kind, string id, string json, CancellationToken cancellationToken);

    /// <summary>False when there was no such entry.</summary>
    Task<bool> DeleteWorkspaceEntryAsync(WorkspaceEntryKind kind, string id, CancellationToken cancellationToken);
}
