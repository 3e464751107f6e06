namespace Switchyard.Core.Audiences;

/// <summary>An event attribute a <c>where</c> condition reads, on one event key or on every key of a type.</summary>
internal readonly record struct EventAttributeNeed(string? ExactKey, string KeyType, string Attribute);
