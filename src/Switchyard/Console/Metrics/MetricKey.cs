namespace Switchyard.Console.Metrics;

/// <summary>An instrument by name and the output or feed its measurement is about ("" when it names none).</summary>
internal readonly record struct MetricKey(string Instrument, string Subject);
