namespace Switchyard.Console.Metrics;

/// <summary>One point of the overview's chart: batches stored per second over the interval ending at <see cref="At"/>.</summary>
internal sealed record RatePoint(DateTimeOffset At, double BatchesPerSecond);
