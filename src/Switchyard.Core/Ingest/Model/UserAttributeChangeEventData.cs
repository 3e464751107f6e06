using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The data of a <c>user_attribute_change</c> (reference/mparticle.md §1.3).</summary>
public sealed class UserAttributeChangeEventData : EventData
{
    public string? UserAttributeName { get; set; }

    /// <summary>The new value, with the rules of a user attribute value (string, list of strings, number, bool, null).</summary>
    [JsonConverter(typeof(UserAttributeValueConverter))]
    public AttributeValue New { get; set; }

    [JsonConverter(typeof(UserAttributeValueConverter))]
    public AttributeValue Old { get; set; }

    public bool? Deleted { get; set; }

    public bool? IsNewAttribute { get; set; }
}
