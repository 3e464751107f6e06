using System.Collections.ObjectModel;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>The shared empty attribute map, so absent or null maps cost no allocation.</summary>
internal static class EmptyAttributes
{
    public static IReadOnlyDictionary<string, AttributeValue> Map { get; } = ReadOnlyDictionary<string, AttributeValue>.Empty;
}
