using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Switchyard.Console.Metrics;

/// <summary>
/// The console's view of the service's own instruments, found by name (<c>switchyard.*</c>) with a
/// <see cref="MeterListener"/>, so the pages depend on what <c>/metrics</c> exports rather than on the classes that
/// record it. Only instruments of this host's meter factory are followed: tests run several hosts in one process.
/// Counters are summed since start; gauges keep their last observation, refreshed by <see cref="Sample"/>.
/// </summary>
internal sealed class PipelineMetrics : IDisposable
{
    public const string IngestInstrument = "switchyard.ingest.batches_stored";

    /// <summary>Five minutes of points at the sampling interval.</summary>
    public const int HistoryLength = 150;

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<MetricKey, double> _values = new();
    private readonly Queue<RatePoint> _history = new();
    private readonly Lock _historyLock = new();
    private readonly TimeProvider _time;
    private double _lastIngestTotal;
    private DateTimeOffset _lastSampleAt;

    public PipelineMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        _lastSampleAt = time.GetUtcNow();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name.StartsWith("switchyard.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument, instrument.IsObservable);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => Record(instrument, value, tags, state));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, state) => Record(instrument, value, tags, state));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, state) => Record(instrument, value, tags, state));
        _listener.Start();
    }

    /// <summary>Sum of a counter (or last value of a gauge) over every subject.</summary>
    public double Total(string instrument) => _values.Where(v => v.Key.Instrument == instrument).Sum(v => v.Value);

    /// <summary>A counter's total or a gauge's value for one output or feed (0 when it was never measured).</summary>
    public double Of(string instrument, string subject) => _values.GetValueOrDefault(new MetricKey(instrument, subject));

    /// <summary>The outputs or feeds an instrument has measured.</summary>
    public IReadOnlyList<string> SubjectsOf(string instrument) =>
        [.. _values.Keys.Where(k => k.Instrument == instrument && k.Subject.Length > 0).Select(k => k.Subject).Distinct().Order(StringComparer.Ordinal)];

    public IReadOnlyList<RatePoint> IngestHistory()
    {
        lock (_historyLock)
        {
            return [.. _history];
        }
    }

    /// <summary>Observes the gauges now and adds a point to the ingest rate history.</summary>
    public void Sample()
    {
        _listener.RecordObservableInstruments();
        var now = _time.GetUtcNow();
        var total = Total(IngestInstrument);
        lock (_historyLock)
        {
            var seconds = (now - _lastSampleAt).TotalSeconds;
            _history.Enqueue(new RatePoint(now, seconds <= 0 ? 0 : Math.Max(0, total - _lastIngestTotal) / seconds));
            while (_history.Count > HistoryLength)
            {
                _history.Dequeue();
            }

            _lastIngestTotal = total;
            _lastSampleAt = now;
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct, IConvertible
    {
        if (instrument is Histogram<T>)
        {
            return;
        }

        var key = new MetricKey(instrument.Name, Subject(tags));
        var number = value.ToDouble(System.Globalization.CultureInfo.InvariantCulture);
        if (instrument.IsObservable)
        {
            _values[key] = number;
        }
        else
        {
            _values.AddOrUpdate(key, number, (_, sum) => sum + number);
        }
    }

    private static string Subject(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key is "output" or "feed" && tag.Value is string subject)
            {
                return subject;
            }
        }

        return "";
    }
}
