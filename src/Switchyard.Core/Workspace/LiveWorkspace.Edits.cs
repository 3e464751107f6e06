using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Core.Workspace;

/// <summary>
/// Creating, changing and deleting inputs, outputs and connections. A change replaces its entry whole (PUT semantics);
/// an input's secret left out, or sent back as <see cref="WorkspaceEntries.RedactedSecret"/>, stays as it was. Ids do
/// not change: the path names the entry, and a body that names another id is refused.
/// </summary>
public sealed partial class LiveWorkspace
{
    private const string AudienceOutputRefusal =
        "type: braze_audience outputs are set in the workspace file, with their audience connections; the admin API creates event outputs.";

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public Task<WorkspaceEdit> CreateInputAsync(string json, CancellationToken cancellationToken) => EditAsync(async () =>
    {
        var feed = WorkspaceLoader.ParseInput(json);
        if (Current.Inputs.Any(i => i.Id == feed.Id))
        {
            return WorkspaceEdit.Conflict(IsFromFile(WorkspaceEntryKind.Input, feed.Id)
                ? FromFile("input", feed.Id)
                : $"id: there is already an input '{feed.Id}'; change it with PUT /admin/inputs/{feed.Id}.");
        }

        if (KeyUser(feed, _inputs) is { } other)
        {
            return WorkspaceEdit.Conflict($"key: is used by input '{other.Id}'; keys must be unique.");
        }

        await _store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, feed.Id, WorkspaceEntries.Describe(feed, redactSecret: false), cancellationToken).ConfigureAwait(false);
        _inputs = [.. _inputs, feed];
        Publish();
        return new WorkspaceEdit(WorkspaceEditStatus.Created) { Id = feed.Id };
    }, cancellationToken);

    public Task<WorkspaceEdit> ReplaceInputAsync(string id, string json, CancellationToken cancellationToken) => EditAsync(async () =>
    {
        if (Unchangeable(WorkspaceEntryKind.Input, "input", id, _inputs.FindIndex(i => i.Id == id)) is { } refusal)
        {
            return refusal;
        }

        var existing = _inputs.Single(i => i.Id == id);
        var body = Prepare(json, [("id", id)], existing.IsWeb ? null : existing.Secret, out var mismatch);
        if (mismatch is not null)
        {
            return WorkspaceEdit.Invalid(mismatch);
        }

        var feed = WorkspaceLoader.ParseInput(body);
        if (KeyUser(feed, _inputs) is { } other)
        {
            return WorkspaceEdit.Conflict($"key: is used by input '{other.Id}'; keys must be unique.");
        }

        List<InputFeed> inputs = [.. _inputs.Select(i => i.Id == id ? feed : i)];
        if (ConnectionsBroken(inputs, _outputs) is { } broken)
        {
            return WorkspaceEdit.Conflict(broken);
        }

        await _store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, id, WorkspaceEntries.Describe(feed, redactSecret: false), cancellationToken).ConfigureAwait(false);
        _inputs = inputs;
        Publish();
        return new WorkspaceEdit(WorkspaceEditStatus.Changed) { Id = id };
    }, cancellationToken);

    public Task<WorkspaceEdit> DeleteInputAsync(string id, CancellationToken cancellationToken) => EditAsync(async () =>
    {
        if (Unchangeable(WorkspaceEntryKind.Input, "input", id, _inputs.FindIndex(i => i.Id == id)) is { } refusal)
        {
            return refusal;
        }

        if (InUse(Current.Connections.Where(c => c.InputId == id), "input", id) is { } used)
        {
            return used;
        }

        await _store.DeleteWorkspaceEntryAsync(WorkspaceEntryKind.Input, id, cancellationToken).ConfigureAwait(false);
        _inputs = [.. _inputs.Where(i => i.Id != id)];
        Publish();
        return new WorkspaceEdit(WorkspaceEditStatus.Deleted) { Id = id };
    }, cancellationToken);

    public Task<WorkspaceEdit> CreateOutputAsync(string json, CancellationToken cancellationToken) => EditAsync(async () =>
    {
        if (NamesAudienceType(json))
        {
            return WorkspaceEdit.Invalid(AudienceOutputRefusal);
        }

        var configured = WorkspaceLoader.ParseOutput(json, _outputTypes);
        if (_outputCheck(configured) is { } problem)
        {
            return WorkspaceEdit.Invalid(problem);
        }

        var output = configured.Definition;
        if (Current.Outputs.Any(o => o.Id == output.Id))
        {
            return WorkspaceEdit.Conflict(IsFromFile(WorkspaceEntryKind.Output, output.Id)
                ? FromFile("output", output.Id)
                : $"id: there is already an output '{output.Id}'; change it with PUT /admin/outputs/{output.Id}.");
        }

        await _store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Output, output.Id, WorkspaceEntries.Describe(output), cancellationToken).ConfigureAwait(false);
        _outputs = [.. _outputs, output];
        Publish();
        return new WorkspaceEdit(WorkspaceEditStatus.Created) { Id = output.Id };
    }, cancellationToken);

    public Task<WorkspaceEdit> ReplaceOutputAsync(string id, string json, CancellationToken cancellationToken) => EditAsync(async () =>
    {
        if (Unchangeable(WorkspaceEntryKind.Output, "output", id, _outputs.FindIndex(o => o.Id == id)) is { } refusal)
        {
            return refusal;
        }

        var body = Prepare(json, [("id", id)], null, out var mismatch);
        if (mismatch is not null)
        {
            return WorkspaceEdit.Invalid(mismatch);
        }

        var existing = _outputs.Single(o => o.Id == id);
        if (NamesAudienceType(body))
        {
            return WorkspaceEdit.Invalid(AudienceOutputRefusal);
        }

        var configured = WorkspaceLoader.ParseOutput(body, _outputTypes);
        var output = configured.Definition;
        if (output.Type != existing.Type)
        {
            // Queued items were made for the old type; delete the output and create another to change it.
            return WorkspaceEdit.Conflict($"type: an output's type cannot change ('{existing.Type}' to '{output.Type}'); create a new output instead.");
        }

        if (_outputCheck(configured) is { } problem)
        {
            return WorkspaceEdit.Invalid(problem);
        }

        List<OutputDefinition> outputs = [.. _outputs.Select(o => o.Id == id ? output : o)];
        if (ConnectionsBroken(_inputs, outputs) is { } broken)
        {
            return WorkspaceEdit.Conflict(broken);
        }

        await _store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Output, id, WorkspaceEntries.Describe(output), cancellationToken).ConfigureAwait(false);
        _outputs = outputs;
        Publish();
        return new WorkspaceEdit(WorkspaceEditStatus.Changed) { Id = id };
    }, cancellationToken);

    public Task<WorkspaceEdit> DeleteOutputAsync(string id, CancellationToken cancellationToken) => EditAsync(async () =>
    {
        if (Unchangeable(WorkspaceEntryKind.Output, "output", id, _outputs.FindIndex(o => o.Id == id)) is { } refusal)
        {
            return refusal;
        }

        if (InUse(Current.Connections.Where(c => c.OutputId == id), "output", id) is { } used)
        {
            return used;
        }

        await _store.DeleteWorkspaceEntryAsync(WorkspaceEntryKind.Output, id, cancellationToken).ConfigureAwait(false);
        _outputs = [.. _outputs.Where(o => o.Id != id)];
        Publish();
        return new WorkspaceEdit(WorkspaceEditStatus.Deleted) { Id = id };
    }, cancellationToken);

    public Task<WorkspaceEdit> CreateConnectionAsync(string json, CancellationToken cancellationToken) => EditAsync(async () =>
    {
        var connection = WorkspaceLoader.ParseConnection(json, Current.Inputs, Current.Outputs);
        var id = ConnectionId(connection);
        if (Current.Connections.Any(c => ConnectionId(c) == id))
        {
            return WorkspaceEdit.Conflict(IsFromFile(WorkspaceEntryKind.Connection, id)
                ? FromFile("connection", id)
                : $"'{connection.InputId}' is already connected to '{connection.OutputId}'; change it with PUT /admin/connections/{id}.");
        }

        await _store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Connection, id, WorkspaceEntries.Describe(connection), cancellationToken).ConfigureAwait(false);
        _connections = [.. _connections, connection];
        Publish();
        return new WorkspaceEdit(WorkspaceEditStatus.Created) { Id = id };
    }, cancellationToken);

    public Task<WorkspaceEdit> ReplaceConnectionAsync(string input, string output, string json, CancellationToken cancellationToken) => EditAsync(async () =>
    {
        var id = input + "/" + output;
        if (Unchangeable(WorkspaceEntryKind.Connection, "connection", id, _connections.FindIndex(c => ConnectionId(c) == id)) is { } refusal)
        {
            return refusal;
        }

        var body = Prepare(json, [("input", input), ("output", output)], null, out var mismatch);
        if (mismatch is not null)
        {
            return WorkspaceEdit.Invalid(mismatch);
        }

        var connection = WorkspaceLoader.ParseConnection(body, Current.Inputs, Current.Outputs);
        await _store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Connection, id, WorkspaceEntries.Describe(connection), cancellationToken).ConfigureAwait(false);
        _connections = [.. _connections.Select(c => ConnectionId(c) == id ? connection : c)];
        Publish();
        return new WorkspaceEdit(WorkspaceEditStatus.Changed) { Id = id };
    }, cancellationToken);

    public Task<WorkspaceEdit> DeleteConnectionAsync(string input, string output, CancellationToken cancellationToken) => EditAsync(async () =>
    {
        var id = input + "/" + output;
        if (Unchangeable(WorkspaceEntryKind.Connection, "connection", id, _connections.FindIndex(c => ConnectionId(c) == id)) is { } refusal)
        {
            return refusal;
        }

        await _store.DeleteWorkspaceEntryAsync(WorkspaceEntryKind.Connection, id, cancellationToken).ConfigureAwait(false);
        _connections = [.. _connections.Where(c => ConnectionId(c) != id)];
        Publish();
        return new WorkspaceEdit(WorkspaceEditStatus.Deleted) { Id = id };
    }, cancellationToken);

    /// <summary>One change at a time; a body that breaks a rule of the file is refused with the file's message.</summary>
    private async Task<WorkspaceEdit> EditAsync(Func<Task<WorkspaceEdit>> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await change().ConfigureAwait(false);
        }
        catch (WorkspaceException e)
        {
            return WorkspaceEdit.Invalid(e.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The file's entries are read-only here; an id neither the file nor the store has is not found.</summary>
    private WorkspaceEdit? Unchangeable(WorkspaceEntryKind kind, string what, string id, int runtimeIndex) =>
        IsFromFile(kind, id) ? WorkspaceEdit.Conflict(FromFile(what, id))
        : runtimeIndex < 0 ? WorkspaceEdit.NotFound($"There is no {what} '{id}'.")
        : null;

    private static string FromFile(string what, string id) =>
        $"The {what} '{id}' is set in the workspace file, which wins: change or remove it there and restart.";

    private static WorkspaceEdit? InUse(IEnumerable<Connection> users, string what, string id)
    {
        var names = users.Select(ConnectionId).ToList();
        return names.Count == 0 ? null : WorkspaceEdit.Conflict(
            $"The {what} '{id}' is used by {(names.Count == 1 ? "the connection" : "the connections")} {string.Join(", ", names)}; delete {(names.Count == 1 ? "it" : "them")} first (DELETE /admin/connections/{{input}}/{{output}}).");
    }

    /// <summary>The first run-time connection that a changed input or output would no longer allow (kit mode needs a web input).</summary>
    private string? ConnectionsBroken(List<InputFeed> inputs, List<OutputDefinition> outputs)
    {
        foreach (var connection in _connections)
        {
            try
            {
                WorkspaceLoader.ParseConnection(WorkspaceEntries.Describe(connection), AllInputs(inputs), AllOutputs(outputs));
            }
            catch (WorkspaceException e)
            {
                return $"The connection {ConnectionId(connection)} would no longer be valid ({e.Message}); change or delete it first.";
            }
        }

        return null;
    }

    private static bool NamesAudienceType(string json) =>
        Node(json) is JsonObject body && body["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == OutputTypes.BrazeAudience;

    /// <summary>
    /// The body of a change with what the path says filled in (or a mismatch, when the body names something else), and
    /// the kept secret where the body leaves it out or sends the redacted placeholder back. A body that is not an object
    /// is returned as it is, for the parser to refuse with its own message.
    /// </summary>
    private static string Prepare(string json, (string Name, string Value)[] fromPath, string? keptSecret, out string? mismatch)
    {
        mismatch = null;
        if (Node(json) is not JsonObject body)
        {
            return json;
        }

        foreach (var (name, value) in fromPath)
        {
            if (body[name] is null)
            {
                body[name] = value;
            }
            else if (body[name] is JsonValue given && given.TryGetValue<string>(out var text) && text != value)
            {
                mismatch = $"{name}: is '{text}', but the path names '{value}'; it cannot change (create a new entry instead).";
                return json;
            }
        }

        var web = body["kind"] is JsonValue kind && kind.TryGetValue<string>(out var kindName) && kindName == "web";
        if (keptSecret is not null && !web
            && (body["secret"] is null || (body["secret"] is JsonValue secret && secret.TryGetValue<string>(out var sent) && sent == WorkspaceEntries.RedactedSecret)))
        {
            body["secret"] = keptSecret;
        }

        return body.ToJsonString();
    }

    private static JsonNode? Node(string json)
    {
        try
        {
            return JsonNode.Parse(json, NodeOptions, DocumentOptions);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
