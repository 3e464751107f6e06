using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Segments;

/// <summary>
/// Where a condition reads its value: a plain attribute name, or a nested path such as <c>address.city</c> or
/// <c>pets[].name</c> (<c>[]</c> = every element of that array). Nested values yield one candidate per reached
/// element; a user matches when any candidate does (reference/braze.md §5, Nested).
/// </summary>
internal sealed class SegmentAttributePath
{
    private readonly string _name;
    private readonly IReadOnlyList<(string Name, bool Each)> _steps;

    private SegmentAttributePath(string name, IReadOnlyList<(string Name, bool Each)> steps)
    {
        _name = name;
        _steps = steps;
    }

    /// <summary>True when the path can reach several values, so "any candidate matches" applies.</summary>
    public bool IsNested => _steps.Count > 1 || _steps[0].Each;

    /// <summary>Parses <paramref name="name"/>; null when a step is empty (<c>a..b</c>, <c>.a</c>, <c>a.</c>, <c>[]</c>).</summary>
    public static SegmentAttributePath? Parse(string name)
    {
        var steps = new List<(string, bool)>();
        foreach (var part in name.Split('.'))
        {
            var each = part.EndsWith("[]", StringComparison.Ordinal);
            var stepName = each ? part[..^2] : part;
            if (stepName.Length == 0 || stepName.Contains("[]", StringComparison.Ordinal))
            {
                return null;
            }

            steps.Add((stepName, each));
        }

        return new SegmentAttributePath(name, steps);
    }

    /// <summary>
    /// The candidate values for <paramref name="subject"/>. An attribute whose whole name matches is used as it is,
    /// so a custom attribute literally called <c>a.b</c> still works.
    /// </summary>
    public IReadOnlyList<JsonNode?> Resolve(ISegmentSubject subject)
    {
        var literal = subject.GetAttribute(_name);
        if (!IsNested || literal is not null)
        {
            return [literal];
        }

        IEnumerable<JsonNode?> current = [subject.GetAttribute(_steps[0].Name)];
        for (var i = 0; i < _steps.Count; i++)
        {
            if (i > 0)
            {
                var name = _steps[i].Name;
                current = current.Select(node => node is JsonObject obj ? obj[name] : null);
            }

            if (_steps[i].Each)
            {
                current = current.SelectMany(node => node is JsonArray array ? array : []);
            }
        }

        return [.. current];
    }
}
