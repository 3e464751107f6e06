using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Control;

/// <summary>Clears users and data points, then tells every <see cref="ISandboxResetListener"/>.</summary>
internal sealed class SandboxReset(UserStore store, IEnumerable<ISandboxResetListener> listeners, ILogger<SandboxReset> logger)
{
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        store.Clear();
        foreach (var listener in listeners)
        {
            await listener.OnSandboxResetAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.Reset(logger);
    }
}
