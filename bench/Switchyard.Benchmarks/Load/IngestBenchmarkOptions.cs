namespace Switchyard.Benchmarks.Load;

internal sealed record IngestBenchmarkOptions(TimeSpan Duration, int Connections, int BatchesPerRequest, int EventsPerBatch, int Rounds, double PacedEventsPerSecond, string? Postgres = null);
