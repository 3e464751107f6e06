namespace Switchyard.Core.Audiences;

/// <summary>One reason a definition is refused. <see cref="Path"/> is the JSON path (<c>criteria.and[1].count.operator</c>).</summary>
public sealed record AudienceValidationError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
