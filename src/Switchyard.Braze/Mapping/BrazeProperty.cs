namespace Switchyard.Braze.Mapping;

/// <summary>One named value of an attributes object, of event or purchase properties, or of a nested object.</summary>
public readonly record struct BrazeProperty(string Name, BrazeValue Value);
