using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Profiles;

/// <summary>
/// A user attribute with the time of the write that set it, for last-writer-wins merges. <see cref="Deleted"/> marks a
/// tombstone (from <c>deleted_user_attributes</c>). A user tag is a <see cref="AttributeValueKind.Null"/> value that is not deleted.
/// </summary>
public sealed class StoredAttribute
{
    public AttributeValueKind Kind { get; set; }

    public string? Text { get; set; }

    public List<string>? List { get; set; }

    public long UpdatedAtMs { get; set; }

    public bool Deleted { get; set; }
}
