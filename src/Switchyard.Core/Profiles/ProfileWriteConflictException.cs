namespace Switchyard.Core.Profiles;

/// <summary>
/// A session's commit found that another session had changed a profile or identity link it read, so it wrote
/// nothing. Transient: running the same unit of work again in a new session reads the new state and succeeds.
/// </summary>
public sealed class ProfileWriteConflictException : Exception
{
    public ProfileWriteConflictException()
        : base("Another session changed a profile or identity this session read; nothing was written, run it again.")
    {
    }

    public ProfileWriteConflictException(string message)
        : base(message)
    {
    }

    public ProfileWriteConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
