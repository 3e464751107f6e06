using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Switchyard.Testing.Hostile;

/// <summary>Keeps every log entry, and lets a test wait (with a deadline) for one that the server writes after answering.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    private readonly SemaphoreSlim _arrived = new(0);

    public ConcurrentQueue<RecordedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The first entry that matches, waiting until the deadline for it to be written.</summary>
    public async Task<RecordedLog> WaitForAsync(Func<RecordedLog, bool> match, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            if (Entries.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            var left = deadline - TimeProvider.System.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("No such log entry was written. Entries:\n" + string.Join('\n', Entries));
            }

            await _arrived.WaitAsync(left);
        }
    }

    public void Dispose() => _arrived.Dispose();

    private sealed class Logger(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.Entries.Enqueue(new RecordedLog(logLevel, category, eventId.Id, formatter(state, exception), exception));
            owner._arrived.Release();
        }
    }
}
