namespace Switchyard.Core.Ingest.Model;

/// <summary>The JSON type an attribute value arrived as.</summary>
public enum AttributeValueKind
{
    /// <summary>JSON <c>null</c>. For a user attribute this is a tag (reference/mparticle.md §1.7).</summary>
    Null,

    String,

    /// <summary>A JSON number; <see cref="AttributeValue.Text"/> holds its literal, so no precision is lost.</summary>
    Number,

    Boolean,

    /// <summary>A list of strings (user attributes and user_attribute_change only).</summary>
    StringList,

    /// <summary>A JSON array kept as raw JSON text (event attributes only).</summary>
    Array,

    /// <summary>A JSON object kept as raw JSON text (event attributes only).</summary>
    Object,
}
