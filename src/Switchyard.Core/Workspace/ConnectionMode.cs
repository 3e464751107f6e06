namespace Switchyard.Core.Workspace;

/// <summary>
/// How data of a connection reaches its output: <see cref="Server"/> sends it server to server; <see cref="Kit"/> leaves
/// it to the Braze kit in the page (mParticle's embedded kit), which sends events, attributes and identities from the
/// browser itself, so Switchyard forwards none of that input's batches to the output.
/// </summary>
public enum ConnectionMode
{
    Server,
    Kit,
}
