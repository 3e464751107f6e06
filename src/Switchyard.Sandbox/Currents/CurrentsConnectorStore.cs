using Microsoft.Extensions.Logging;

namespace Switchyard.Sandbox.Currents;

/// <summary>
/// The connector in use. At start-up: the one from <c>SandboxOptions.CurrentsConnector</c> when given (the host's
/// explicit choice), else the one persisted in the data directory, else none. A persisted connector to another
/// machine, kept by a run that allowed remote Currents, is not used by one that does not (a warning says so; the file
/// stays, so a run that allows it again picks it up). Changes are written through to <see cref="CurrentsConnectorFile"/>
/// when there is a data directory, and wake the sender.
/// </summary>
internal sealed class CurrentsConnectorStore
{
    private readonly Lock _gate = new();
    private readonly CurrentsConnectorFile? _file;
    private readonly CurrentsOutbox _outbox;
    private CurrentsConnector? _current;

    public CurrentsConnectorStore(CurrentsSettings settings, CurrentsOutbox outbox, ILogger<CurrentsConnectorStore> logger)
    {
        _outbox = outbox;
        _file = settings.DataDirectory is null ? null : new CurrentsConnectorFile(settings.DataDirectory);
        _current = settings.StartupConnector ?? _file?.Load();
        if (_current is not null && !settings.AllowRemoteTargets && !CurrentsConnector.IsOnThisMachine(_current.Url))
        {
            Log.RemoteConnectorIgnored(logger, _current.Url.Host);
            _current = null;
        }

        if (settings.StartupConnector is not null)
        {
            _file?.Save(settings.StartupConnector);
        }
    }

    public CurrentsConnector? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public void Set(CurrentsConnector connector)
    {
        lock (_gate)
        {
            _file?.Save(connector);
            _current = connector;
        }

        _outbox.Ring();
    }

    /// <summary>Removes the connector; queued batches stay queued until one is set again.</summary>
    public void Remove()
    {
        lock (_gate)
        {
            _file?.Save(null);
            _current = null;
        }
    }
}
