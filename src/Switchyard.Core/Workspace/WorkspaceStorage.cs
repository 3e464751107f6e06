namespace Switchyard.Core.Workspace;

/// <summary>
/// The workspace file's <c>storage</c> section: which storage provider <c>serve</c> opens. The command line
/// (<c>--postgres</c>) and the <c>SWITCHYARD_POSTGRES</c> variable take precedence over it.
/// </summary>
/// <param name="Provider"><see cref="Sqlite"/> or <see cref="Postgres"/>.</param>
/// <param name="ConnectionString">The PostgreSQL connection string; null when it comes from elsewhere, or for SQLite.</param>
public sealed record WorkspaceStorage(string Provider, string? ConnectionString)
{
    /// <summary>The embedded provider: SQLite databases in the data directory.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>The scale-out provider: one PostgreSQL database shared by every node.</summary>
    public const string Postgres = "postgres";

    /// <summary>Leaves the connection string (and the password in it) out.</summary>
    public override string ToString() => $"WorkspaceStorage {{ Provider = {Provider}, ConnectionString = {(ConnectionString is null ? "none" : "***")} }}";
}
