namespace Switchyard.Json;

internal sealed record HealthBody(string Status);
