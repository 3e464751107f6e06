using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Core.Workspace;

/// <summary>
/// One entry of <c>inputs[]</c>, <c>outputs[]</c> or <c>connections[]</c> on its own, as the admin API takes it: the same
/// document, the same rules and the same messages as in the file, with the field named inside the entry
/// (<c>secret: is required.</c>) instead of inside the file (<c>inputs[0].secret: is required.</c>).
/// </summary>
public static partial class WorkspaceLoader
{
    // The entry is validated as if it sat at this path; the prefix is then taken off every message.
    private const string EntryPath = "$";

    /// <summary>An input; uniqueness of its id and key among other inputs is the caller's to check.</summary>
    public static InputFeed ParseInput(string json) =>
        ParseEntry(json, WorkspaceJsonContext.Default.InputFeedDocument, document => ReadInput(document, EntryPath));

    /// <summary>An output, with its type and settings checked by <paramref name="outputTypes"/>.</summary>
    public static ConfiguredOutput ParseOutput(string json, OutputTypeRegistry outputTypes)
    {
        ArgumentNullException.ThrowIfNull(outputTypes);
        return ParseEntry(json, WorkspaceJsonContext.Default.OutputDocument, document => outputTypes.Check(ReadOutput(document, EntryPath), EntryPath));
    }

    /// <summary>A connection between one of <paramref name="inputs"/> and one of <paramref name="outputs"/>; duplicates are the caller's to check.</summary>
    public static Connection ParseConnection(string json, IReadOnlyList<InputFeed> inputs, IReadOnlyList<OutputDefinition> outputs) =>
        ParseEntry(json, WorkspaceJsonContext.Default.ConnectionDocument, document => ReadConnection(document, inputs, outputs, EntryPath));

    private static T ParseEntry<TDocument, T>(string json, JsonTypeInfo<TDocument> type, Func<TDocument?, T> read)
    {
        try
        {
            TDocument? document;
            try
            {
                document = JsonSerializer.Deserialize(json, type);
            }
            catch (JsonException e)
            {
                throw new WorkspaceException(DescribeJsonError(e), e);
            }

            return read(document);
        }
        catch (WorkspaceException e) when (e.Message.StartsWith(EntryPath, StringComparison.Ordinal))
        {
            var rest = e.Message[EntryPath.Length..];
            throw new WorkspaceException(rest.StartsWith('.') ? rest[1..] : "the body" + rest, e);
        }
    }
}
