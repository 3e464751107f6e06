using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Core.Workspace;

/// <summary>
/// The workspace as it is now: the file's inputs, outputs and connections, and those created through the admin API
/// (kept in an <see cref="IWorkspaceEntryStore"/>). Each change is validated by the workspace file's own rules, saved,
/// and then published as a new immutable <see cref="Workspace"/> (<see cref="Current"/>, <see cref="Changed"/>), so a
/// reader always sees one consistent snapshot and never a half-made change.
/// </summary>
/// <remarks>
/// The file wins for what it lists: its entries cannot be changed or deleted at run time, and an entry saved at run
/// time whose id the file now uses is left out at start-up. Everything else in <see cref="Workspace"/> (audiences,
/// processing, privacy, the admin token) is the file's alone.
/// </remarks>
public sealed partial class LiveWorkspace
{
    // Every change is checked against, and applied to, the state the previous one left: one at a time.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IWorkspaceEntryStore _store;
    private readonly OutputTypeRegistry _outputTypes;
    private readonly Func<ConfiguredOutput, string?> _outputCheck;
    private List<InputFeed> _inputs = [];
    private List<OutputDefinition> _outputs = [];
    private List<Connection> _connections = [];
    private Workspace _current;

    private LiveWorkspace(Workspace file, IWorkspaceEntryStore store, OutputTypeRegistry outputTypes, Func<ConfiguredOutput, string?> outputCheck)
    {
        File = file;
        _store = store;
        _outputTypes = outputTypes;
        _outputCheck = outputCheck;
        _current = file;
    }

    /// <summary>The workspace as the file (or the quickstart) states it.</summary>
    public Workspace File { get; }

    /// <summary>The file's entries and the run-time ones together; replaced whole on every change.</summary>
    public Workspace Current => Volatile.Read(ref _current);

    /// <summary>Raised after each change with the new <see cref="Current"/>, in the order of the changes.</summary>
    public event Action<Workspace>? Changed;

    /// <summary>
    /// Starts from the file and adds what was saved at run time. A saved entry that the file now overrides, or that no
    /// longer passes the rules (an output type no longer registered, a connection to something gone), is left out, with
    /// a line in <paramref name="warnings"/>; it stays in the store and is used again once it fits.
    /// </summary>
    /// <param name="outputCheck">
    /// A rule of the host's on an output (a relay to its own listener), as a message naming the field inside the output, or null.
    /// </param>
    public static async Task<LiveWorkspace> OpenAsync(
        Workspace file, IWorkspaceEntryStore store, OutputTypeRegistry outputTypes, ICollection<string> warnings, Func<ConfiguredOutput, string?>? outputCheck, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var entries = await store.WorkspaceEntriesAsync(cancellationToken).ConfigureAwait(false);
        return Open(file, store, entries, outputTypes, warnings, outputCheck);
    }

    /// <summary>
    /// <see cref="OpenAsync"/> with the saved entries already read (<see cref="IWorkspaceEntryStore.WorkspaceEntriesAsync"/>),
    /// for a host that reads them before it builds its services.
    /// </summary>
    public static LiveWorkspace Open(
        Workspace file, IWorkspaceEntryStore store, IReadOnlyList<StoredWorkspaceEntry> entries, OutputTypeRegistry outputTypes, ICollection<string> warnings, Func<ConfiguredOutput, string?>? outputCheck = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(outputTypes);
        ArgumentNullException.ThrowIfNull(warnings);
        var live = new LiveWorkspace(file, store, outputTypes, outputCheck ?? (_ => null));
        foreach (var kind in new[] { WorkspaceEntryKind.Input, WorkspaceEntryKind.Output, WorkspaceEntryKind.Connection })
        {
            foreach (var entry in entries.Where(e => e.Kind == kind))
            {
                if (live.Restore(entry) is { } refusal)
                {
                    warnings.Add($"The {kind.ToString().ToLowerInvariant()} '{entry.Id}' saved through the admin API is not used: {refusal}");
                }
            }
        }

        live._current = live.Compose();
        return live;
    }

    /// <summary>Whether the file lists this entry (a connection's id is <c>input/output</c>), which makes it read-only at run time.</summary>
    public bool IsFromFile(WorkspaceEntryKind kind, string id) => kind switch
    {
        WorkspaceEntryKind.Input => File.Inputs.Any(i => i.Id == id),
        WorkspaceEntryKind.Output => File.Outputs.Any(o => o.Id == id),
        _ => File.Connections.Any(c => ConnectionId(c) == id),
    };

    public static string ConnectionId(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.InputId + "/" + connection.OutputId;
    }

    private IReadOnlyList<InputFeed> AllInputs(List<InputFeed> runtime) => [.. File.Inputs, .. runtime];

    private IReadOnlyList<OutputDefinition> AllOutputs(List<OutputDefinition> runtime) => [.. File.Outputs, .. runtime];

    private Workspace Compose() => File with
    {
        Inputs = AllInputs(_inputs),
        Outputs = AllOutputs(_outputs),
        Connections = [.. File.Connections, .. _connections],
    };

    /// <summary>Takes a saved entry back at start-up; the reason it cannot be used, or null.</summary>
    private string? Restore(StoredWorkspaceEntry entry)
    {
        if (IsFromFile(entry.Kind, entry.Id))
        {
            return "the workspace file sets one of that id, and the file wins.";
        }

        try
        {
            switch (entry.Kind)
            {
                case WorkspaceEntryKind.Input:
                    var feed = WorkspaceLoader.ParseInput(entry.Json);
                    if (KeyUser(feed, _inputs) is { } other)
                    {
                        return $"key: is used by input '{other.Id}'; keys must be unique.";
                    }

                    _inputs.Add(feed);
                    break;
                case WorkspaceEntryKind.Output:
                    var configured = WorkspaceLoader.ParseOutput(entry.Json, _outputTypes);
                    if (configured.Definition.Type == OutputTypes.BrazeAudience)
                    {
                        return AudienceOutputRefusal;
                    }

                    if (_outputCheck(configured) is { } problem)
                    {
                        return problem;
                    }

                    _outputs.Add(configured.Definition);
                    break;
                default:
                    _connections.Add(WorkspaceLoader.ParseConnection(entry.Json, AllInputs(_inputs), AllOutputs(_outputs)));
                    break;
            }
        }
        catch (WorkspaceException e)
        {
            return e.Message;
        }

        return null;
    }

    /// <summary>Another input (file or run time) with the same key: keys are how requests find their input.</summary>
    private InputFeed? KeyUser(InputFeed feed, List<InputFeed> runtime) =>
        AllInputs(runtime).FirstOrDefault(i => i.Key == feed.Key && i.Id != feed.Id);

    private void Publish()
    {
        var next = Compose();
        Volatile.Write(ref _current, next);
        Changed?.Invoke(next);
    }
}
