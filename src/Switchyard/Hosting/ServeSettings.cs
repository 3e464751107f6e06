using Switchyard.Core.Workspace;

namespace Switchyard.Hosting;

/// <summary>What <c>serve</c> runs with, after the command line and the workspace file are validated.</summary>
internal sealed record ServeSettings
{
    public required Workspace Workspace { get; init; }

    public required string DataDirectory { get; init; }

    /// <summary>The storage provider to open (SQLite in <see cref="DataDirectory"/> unless PostgreSQL is chosen).</summary>
    public StorageChoice Storage { get; init; } = StorageChoice.Sqlite;

    /// <summary>The address to listen on; loopback unless the operator opens it up.</summary>
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>The HTTPS listener's port (0 picks a free one); null: no HTTPS listener.</summary>
    public int? HttpsPort { get; init; }

    /// <summary>The HTTPS listener's certificate (PEM) and private key (PEM); both null: a self-signed one kept in the data directory.</summary>
    public string? TlsCertificatePath { get; init; }

    public string? TlsKeyPath { get; init; }

    /// <summary>
    /// False runs an ingest-only node: batches are accepted and stored, and processed later by a node (or a restart)
    /// with the processor on, from the durable inbox.
    /// </summary>
    public bool RunProcessor { get; init; } = true;

    public Microsoft.Extensions.Logging.LogLevel MinimumLogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    public LogFormat LogFormat { get; init; } = LogFormat.Simple;

    /// <summary>Adds to the host's logging after the console logger is set up (tests add a provider that keeps entries).</summary>
    public Action<Microsoft.Extensions.Logging.ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>
    /// Adds to the host's services after its own (tests register an output type of their own, as
    /// <c>AddBrazeOutputs</c> does for Braze).
    /// </summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>The embedded Braze sandbox's address when <c>serve</c> runs one; the console shows its state.</summary>
    public Uri? Sandbox { get; init; }

    /// <summary>Test knob: how often the DSR worker polls (default 1 s).</summary>
    public TimeSpan? DsrPollInterval { get; init; }

    /// <summary>Test knob: how long after a profile erasure the final sweep waits (default 30 s).</summary>
    public TimeSpan? DsrSweepDelay { get; init; }
}
