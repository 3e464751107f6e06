using Switchyard.Core.Workspace;
using Switchyard.Storage.Postgres;

namespace Switchyard.Hosting;

/// <summary>
/// Which storage provider <c>serve</c> opens: PostgreSQL when <c>--postgres</c>, else <c>SWITCHYARD_POSTGRES</c>, else the
/// workspace file's <c>storage</c> section says so; SQLite in the data directory otherwise.
/// </summary>
/// <param name="PostgresConnectionString">The Npgsql connection string; null for SQLite.</param>
/// <param name="Source">Where the choice came from, for messages (<c>--postgres</c>, the variable, the file, or the default).</param>
internal sealed record StorageChoice(string? PostgresConnectionString, string Source)
{
    /// <summary>The environment variable that selects PostgreSQL when the command line does not.</summary>
    public const string Variable = "SWITCHYARD_POSTGRES";

    /// <summary>The default: SQLite databases in the data directory.</summary>
    public static StorageChoice Sqlite { get; } = new(null, "the default");

    public bool IsPostgres => PostgresConnectionString is not null;

    /// <summary>
    /// For PostgreSQL: whether nodes wake each other through the database; the workspace file's
    /// <c>storage.notifications</c>, true when it does not say.
    /// </summary>
    public bool Notifications { get; init; } = true;

    /// <summary>
    /// Applies the precedence (command line, then environment, then file). A selection without a usable connection string
    /// is refused with <see cref="ArgumentException"/>, naming where it came from.
    /// </summary>
    public static StorageChoice Resolve(string? commandLine, string? environment, WorkspaceStorage? file)
    {
        var choice = Choose(commandLine, environment, file);
        return choice.IsPostgres ? choice with { Notifications = file?.Notifications ?? true } : choice;
    }

    private static StorageChoice Choose(string? commandLine, string? environment, WorkspaceStorage? file)
    {
        if (commandLine is not null)
        {
            return string.IsNullOrWhiteSpace(commandLine)
                ? throw new ArgumentException("--postgres: give an Npgsql connection string, such as \"Host=db.example.com;Database=switchyard;Username=switchyard;Password=…\".")
                : new StorageChoice(commandLine, "--postgres");
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            return new StorageChoice(environment, Variable);
        }

        return file switch
        {
            null or { Provider: WorkspaceStorage.Sqlite } => Sqlite,
            { ConnectionString: { } connection } => new StorageChoice(connection, "the workspace file's storage.connectionString"),
            _ => throw new ArgumentException($"storage.provider is '{WorkspaceStorage.Postgres}' but no connection string was given: set storage.connectionString, {Variable} or --postgres."),
        };
    }

    /// <summary>Where the data lives, without credentials; a connection string that cannot be parsed is refused (<see cref="ArgumentException"/>).</summary>
    public string Describe(string dataDirectory) =>
        PostgresConnectionString is { } connection ? PostgresStorageRegistration.Describe(connection) : $"SQLite in {dataDirectory}";

    /// <summary><paramref name="text"/> without the password of the connection string, if there is one.</summary>
    public string Redact(string text) =>
        PostgresConnectionString is { } connection ? PostgresStorageRegistration.Redact(connection, text) : text;

    /// <summary>Leaves the connection string out.</summary>
    public override string ToString() => IsPostgres ? $"PostgreSQL (from {Source})" : "SQLite";
}
