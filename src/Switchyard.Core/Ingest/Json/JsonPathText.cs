namespace Switchyard.Core.Ingest.Json;

/// <summary>Builds JSON path segments the way System.Text.Json prints them (<c>.name</c> or <c>['odd name']</c>).</summary>
internal static class JsonPathText
{
    public static string Property(string name)
    {
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '$'))
            {
                return $"['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
            }
        }

        return name.Length == 0 ? "['']" : "." + name;
    }

    /// <summary>Replaces the leading <c>$</c> of a serializer path with <paramref name="prefix"/>.</summary>
    public static string Rebase(string prefix, string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return prefix;
        }

        return path[0] == '$' ? string.Concat(prefix, path.AsSpan(1)) : prefix + "." + path;
    }
}
