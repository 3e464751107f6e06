using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Mapping;

/// <summary>A user attribute value from a batch or a stored profile, in one shape. <see cref="Deleted"/> means removed.</summary>
internal readonly record struct UserValue(AttributeValueKind Kind, string? Text, IReadOnlyList<string>? List, bool Deleted)
{
    public static UserValue Removed { get; } = new(AttributeValueKind.Null, null, null, true);

    public static UserValue From(AttributeValue value) => new(value.Kind, value.Text, value.List, false);

    public static UserValue From(StoredAttribute stored) => new(stored.Kind, stored.Text, stored.List, stored.Deleted);

    /// <summary>A user tag: a null value that is not a deletion (reference/mparticle.md §1.7).</summary>
    public bool IsTag => !Deleted && Kind == AttributeValueKind.Null;

    /// <summary>The value as one string (a list comma-joined); null for a tag or a deletion.</summary>
    public string? AsText => Deleted || Kind == AttributeValueKind.Null ? null
        : Kind == AttributeValueKind.StringList ? string.Join(",", List ?? []) : Text;
}
