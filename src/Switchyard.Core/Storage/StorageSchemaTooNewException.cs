namespace Switchyard.Core.Storage;

/// <summary>
/// The database holds a schema newer than this build knows: a later Switchyard migrated it. Running against it could
/// write rows that the newer schema reads wrongly, so the store refuses to open; start the newer build instead.
/// </summary>
public sealed class StorageSchemaTooNewException : Exception
{
    public StorageSchemaTooNewException()
    {
    }

    public StorageSchemaTooNewException(string message)
        : base(message)
    {
    }

    public StorageSchemaTooNewException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageSchemaTooNewException(string component, int found, int known)
        : base($"The database's {component} schema is at version {found}, but this Switchyard knows versions up to {known}; a newer Switchyard has migrated it. Run that version (or newer) against this database.")
    {
        Component = component;
        Found = found;
        Known = known;
    }

    /// <summary>The part of the schema (one store's tables) that is too new.</summary>
    public string? Component { get; }

    /// <summary>The version the database is at.</summary>
    public int Found { get; }

    /// <summary>The highest version this build knows.</summary>
    public int Known { get; }
}
