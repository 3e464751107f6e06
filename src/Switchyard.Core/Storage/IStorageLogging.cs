using Microsoft.Extensions.Logging;

namespace Switchyard.Core.Storage;

/// <summary>
/// A store that has something to log while it runs, beyond what its calls throw (a PostgreSQL inbox whose notifications
/// to other nodes fail, say). Stores open before the host's logging exists, so the host hands it over once its
/// services are built (<see cref="LogTo"/>); until then such a store logs nothing.
/// </summary>
public interface IStorageLogging
{
    /// <summary>Logs through <paramref name="loggers"/> from now on.</summary>
    void LogTo(ILoggerFactory loggers);
}
