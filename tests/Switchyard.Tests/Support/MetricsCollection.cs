namespace Switchyard.Tests.Support;

/// <summary>
/// Meters are process-wide: hosts started by other tests at the same time register instruments of the same names,
/// and a metrics exporter may then follow another host's instrument. Tests that read <c>/metrics</c> run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Reads /metrics";
}
