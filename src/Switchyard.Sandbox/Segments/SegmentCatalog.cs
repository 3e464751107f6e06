using System.Text.Json.Nodes;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Segments;

/// <summary>
/// The sandbox's segment definitions, in memory, mirrored to <see cref="SegmentFile"/> when a data directory is set.
/// <see cref="Reset"/> clears every definition (hook for <c>POST /_sandbox/reset</c>).
/// </summary>
internal sealed class SegmentCatalog
{
    public const int MaxNameLength = 255;

    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, SegmentDefinition> _segments = new(StringComparer.Ordinal);
    private readonly SegmentFile? _file;
    private readonly TimeProvider _time;

    public SegmentCatalog(string? dataDirectory, TimeProvider time)
    {
        _time = time;
        if (dataDirectory is null)
        {
            return;
        }

        _file = new SegmentFile(dataDirectory);
        foreach (var (name, filter, updatedAt) in _file.Load())
        {
            var errors = new List<FieldError>();
            var compiled = SegmentFilterParser.Parse(filter, "filter", errors)
                ?? throw new InvalidDataException(
                    $"{SegmentFile.FileName}: segment '{name}' is invalid: {string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}"))}");
            _segments[name] = new SegmentDefinition(name, filter, compiled, updatedAt);
        }
    }

    /// <summary>Defines or replaces a segment; returns null and fills <paramref name="errors"/> when the body is invalid.</summary>
    public SegmentDefinition? Define(string name, JsonNode? body, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            errors.Add(new("name", $"must be 1 to {MaxNameLength} characters"));
        }

        var compiled = SegmentBodyParser.Parse(body, errors);
        if (compiled is null || errors.Count > 0)
        {
            return null;
        }

        var definition = new SegmentDefinition(name, body!["filter"]!.DeepClone(), compiled, _time.GetUtcNow());
        lock (_gate)
        {
            _segments[name] = definition;
            _file?.Save(_segments.Values);
        }

        return definition;
    }

    public SegmentDefinition? Find(string name)
    {
        lock (_gate)
        {
            return _segments.GetValueOrDefault(name);
        }
    }

    public IReadOnlyList<SegmentDefinition> List()
    {
        lock (_gate)
        {
            return [.. _segments.Values];
        }
    }

    public bool Remove(string name)
    {
        lock (_gate)
        {
            if (!_segments.Remove(name))
            {
                return false;
            }

            _file?.Save(_segments.Values);
            return true;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _segments.Clear();
            _file?.Save(_segments.Values);
        }
    }
}
