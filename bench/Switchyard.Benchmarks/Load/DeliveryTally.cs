namespace Switchyard.Benchmarks.Load;

/// <summary>
/// What one output has cost so far: the sandbox's billed data points, and what the server's <c>/metrics</c> counts for
/// the output — requests, objects in them, outbox items settled (delivered or skipped) and users found unchanged
/// (acknowledged without a request). Subtract two tallies to get what a phase cost.
/// </summary>
internal readonly record struct DeliveryTally(double DataPoints, double Requests, double Objects, double ObjectSamples, double Items, double Unchanged)
{
    public double ObjectsPerRequest => ObjectSamples == 0 ? 0 : Objects / ObjectSamples;

    public static DeliveryTally operator -(DeliveryTally after, DeliveryTally before) => new(
        after.DataPoints - before.DataPoints,
        after.Requests - before.Requests,
        after.Objects - before.Objects,
        after.ObjectSamples - before.ObjectSamples,
        after.Items - before.Items,
        after.Unchanged - before.Unchanged);
}
