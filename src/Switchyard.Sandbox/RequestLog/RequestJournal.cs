using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.RequestLog;

/// <summary>
/// A bounded ring buffer of the latest Braze API requests; the oldest entry goes when it is full.
/// <see cref="Reset"/> empties it (hook for <c>POST /_sandbox/reset</c>).
/// </summary>
internal sealed class RequestJournal(SandboxControlSettings settings)
{
    private readonly Lock _gate = new();
    private readonly RequestLogEntry?[] _entries = new RequestLogEntry?[settings.RequestLogCapacity];
    private long _written;

    public int Capacity => _entries.Length;

    public void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries[_written % _entries.Length] = entry with { Sequence = _written + 1 };
            _written++;
        }
    }

    /// <summary>The latest <paramref name="limit"/> entries for <paramref name="path"/> (all paths when null), newest last.</summary>
    public IReadOnlyList<RequestLogEntry> Read(string? path, int limit)
    {
        var result = new List<RequestLogEntry>();
        lock (_gate)
        {
            var oldest = Math.Max(0, _written - _entries.Length);
            for (var i = _written - 1; i >= oldest && result.Count < limit; i--)
            {
                var entry = _entries[i % _entries.Length]!;
                if (path is null || SandboxPaths.SamePath(entry.Path, path))
                {
                    result.Add(entry);
                }
            }
        }

        result.Reverse();
        return result;
    }

    public void Reset()
    {
        lock (_gate)
        {
            Array.Clear(_entries);
            _written = 0;
        }
    }
}
