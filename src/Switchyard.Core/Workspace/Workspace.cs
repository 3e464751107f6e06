namespace Switchyard.Core.Workspace;

/// <summary>A validated, immutable workspace: what the service routes, loaded once at start-up.</summary>
public sealed record Workspace(IReadOnlyList<InputFeed> Inputs)
{
    /// <summary>The admin API's bearer token; null means one is generated and kept in the data directory.</summary>
    public string? AdminToken { get; init; }

    public IReadOnlyList<OutputDefinition> Outputs { get; init; } = [];

    public IReadOnlyList<Connection> Connections { get; init; } = [];

    /// <summary>Audiences connected to audience outputs (<see cref="OutputTypes.BrazeAudience"/>), as the file states them.</summary>
    public IReadOnlyList<AudienceConnectionDefinition> AudienceConnections { get; init; } = [];

    /// <summary>The outputs an input is connected to (active connections only), echo suppression aside.</summary>
    public IEnumerable<string> OutputsOf(string inputId) =>
        ActiveConnectionsOf(inputId).Select(c => c.OutputId);

    /// <summary>The outputs an input's batches are queued for: its active connections less those <see cref="EchoRule"/> suppresses.</summary>
    public IEnumerable<string> DeliveryOutputsOf(string inputId) =>
        ActiveConnectionsOf(inputId).Where(c => !Suppresses(c) && c.Mode == ConnectionMode.Server).Select(c => c.OutputId);

    /// <summary>The active kit-mode connections of a web input: the Braze kits its pages run.</summary>
    public IEnumerable<Connection> KitConnectionsOf(string inputId) =>
        ActiveConnectionsOf(inputId).Where(c => c.Mode == ConnectionMode.Kit && c.Kit is not null);

    /// <summary>The outputs an input is actively connected to but whose batches <see cref="EchoRule"/> keeps back.</summary>
    public IEnumerable<string> EchoSuppressedOutputsOf(string inputId) =>
        ActiveConnectionsOf(inputId).Where(Suppresses).Select(c => c.OutputId);

    /// <summary>Audience definitions from the file, each as its JSON text (validated at load).</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>Identity wire names that identify a user, in priority order (default: customer_id, then email).</summary>
    public IReadOnlyList<string> UniqueIdentities { get; init; } = ["customer_id", "email"];

    /// <summary>How long event occurrences are kept on profiles for audience criteria.</summary>
    public TimeSpan EventRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Data subject requests: allowed status callback URL prefixes, the erasure waiting period, the public base URL.</summary>
    public PrivacySettings Privacy { get; init; } = new();

    /// <summary>
    /// How long accepted batches stay in the inbox once nothing needs them (processed, and no queued item reads them).
    /// The workspace file sets whole days; tests set seconds.
    /// </summary>
    public TimeSpan InboxRetention { get; init; } = TimeSpan.FromDays(DefaultInboxRetentionDays);

    public const int DefaultInboxRetentionDays = 7;

    /// <summary>
    /// How many user partitions the data directory spreads batches over (<see cref="Partitions.UserPartitions"/>); fixed
    /// once the stores are created (a different count is refused at start-up).
    /// </summary>
    public int Partitions { get; init; } = Core.Partitions.UserPartitions.DefaultCount;

    /// <summary>How many partition lanes are processed side by side (default: one per core).</summary>
    public int PartitionWorkers { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, MaxPartitionWorkers);

    public const int MaxPartitionWorkers = 64;

    /// <summary>The file's <c>storage</c> section; null when it has none (SQLite, unless the command line says otherwise).</summary>
    public WorkspaceStorage? Storage { get; init; }

    private IEnumerable<Connection> ActiveConnectionsOf(string inputId) =>
        Connections.Where(c => c.Active && string.Equals(c.InputId, inputId, StringComparison.Ordinal));

    private bool Suppresses(Connection connection) =>
        Inputs.FirstOrDefault(i => string.Equals(i.Id, connection.InputId, StringComparison.Ordinal)) is { IsBrazeFeed: true } input
        && Outputs.FirstOrDefault(o => string.Equals(o.Id, connection.OutputId, StringComparison.Ordinal)) is { } output
        && EchoRule.Suppresses(input, connection, output);

    public InputFeed? FindInputByKey(string key) => Inputs.FirstOrDefault(i => string.Equals(i.Key, key, StringComparison.Ordinal));

    public override string ToString() => $"Workspace {{ Inputs = {Inputs.Count}, Audiences = {Audiences.Count}, AdminToken = {(AdminToken is null ? "generated" : "***")} }}";
}
