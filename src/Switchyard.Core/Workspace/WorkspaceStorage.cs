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

    /// <summary>
    /// For PostgreSQL: whether nodes wake each other through the database (<c>LISTEN</c>/<c>NOTIFY</c>), so a batch
    /// ingested on one node is processed at once on another. False: nodes find each other's batches by polling only, for
    /// connections through a proxy that pools by transaction. True by default.
    /// </summary>
    public bool Notifications { get; init; } = true;

    /// <summary>Leaves the connection string (and the password in it) out.</summary>
    public override string ToString() => $"WorkspaceStorage {{ Provider = {Provider}, ConnectionString = {(ConnectionString is null ? "none" : "***")}, Notifications = {Notifications} }}";
}
