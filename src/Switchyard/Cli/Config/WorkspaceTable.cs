using System.Text.Json;
using Spectre.Console;
using Switchyard.Braze.Settings;
using Switchyard.Core.Workspace;

namespace Switchyard.Cli.Config;

/// <summary>
/// A valid workspace in one table: inputs, outputs, connections, audiences and the storage. Secrets (feed secrets, Braze
/// REST API keys, the admin token, the database connection string) are never shown, only whether they are set.
/// </summary>
internal static class WorkspaceTable
{
    private const string Redacted = "(secret set)";

    public static Table Of(Workspace workspace)
    {
        var table = new Table().AddColumns("What", "Id", "Details");
        foreach (var input in workspace.Inputs)
        {
            var kind = input.IsBrazeFeed ? $"Braze feed ({WireName(input.Kind.ToString())})" : "Events API";
            table.AddRow("input", Markup.Escape(input.Id), Markup.Escape($"{kind}, key {input.Key}, {Redacted}, environment {input.Environment ?? "any"}"));
        }

        foreach (var output in workspace.Outputs)
        {
            table.AddRow("output", Markup.Escape(output.Id), Markup.Escape($"{output.Type}, {Endpoint(output)}, REST API key {Redacted}"));
        }

        foreach (var connection in workspace.Connections)
        {
            table.AddRow("connection", Markup.Escape($"{connection.InputId} → {connection.OutputId}"), connection.Active ? "active" : "inactive");
        }

        foreach (var audience in workspace.Audiences)
        {
            var (id, name) = Describe(audience);
            table.AddRow("audience", Markup.Escape(id), Markup.Escape(name));
        }

        foreach (var link in workspace.AudienceConnections)
        {
            table.AddRow("audience connection", Markup.Escape($"{link.AudienceId} → {link.OutputId}"), link.Active ? "active" : "inactive");
        }

        if (workspace.Storage is { } storage)
        {
            // The connection string carries the database password: only its presence is shown.
            var where = storage.ConnectionString is null
                ? storage.Provider == WorkspaceStorage.Postgres ? "connection string from --postgres or SWITCHYARD_POSTGRES" : "databases in the data directory"
                : "connection string set (not shown)";
            table.AddRow("storage", Markup.Escape(storage.Provider), storage.Provider == WorkspaceStorage.Postgres && !storage.Notifications
                ? where + "; polling only (notifications off)"
                : where);
        }

        table.AddRow("admin token", "", workspace.AdminToken is null ? "generated at start (admin-token.txt in the data directory)" : Redacted);
        return table;
    }

    /// <summary>Where an output sends: the embedded sandbox, or the REST endpoint its settings resolve to.</summary>
    private static string Endpoint(OutputDefinition output)
    {
        if (Hosting.EmbeddedSandbox.Keys(new Workspace([]) { Outputs = [output] }).Count > 0)
        {
            return "the sandbox serve runs beside it";
        }

        var endpoint = output.Type switch
        {
            OutputTypes.Braze => BrazeOutputSettings.Parse(output.SettingsJson).Settings?.RestEndpoint,
            OutputTypes.BrazeAudience => BrazeAudienceSettings.Parse(output.SettingsJson).Settings?.RestEndpoint,
            _ => null,
        };
        return endpoint is null ? "no endpoint" : endpoint.ToString().TrimEnd('/');
    }

    /// <summary>An enum name as the workspace file spells it: BrazeUnbound → braze_unbound.</summary>
    private static string WireName(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>The loader has validated every definition, so id and name are there.</summary>
    private static (string Id, string Name) Describe(string definition)
    {
        using var document = JsonDocument.Parse(definition);
        var root = document.RootElement;
        return (root.GetProperty("id").GetRawText(), root.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "");
    }
}
