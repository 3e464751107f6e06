namespace Switchyard.Sandbox.Hosting;

/// <summary>
/// Configuration of the Braze-compatible sandbox. Validated once by
/// <see cref="SandboxServiceCollectionExtensions.AddSwitchyardSandbox"/> (or <see cref="SandboxServer.StartAsync"/>)
/// and then frozen; later changes to this object have no effect.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>TCP port of the standalone <see cref="SandboxServer"/>; 0 picks a free port. Default 8081.</summary>
    public int Port { get; set; } = 8081;

    /// <summary>
    /// Listen on every interface instead of loopback only (standalone server). The control API then needs a control
    /// token (<see cref="ControlToken"/>; one is generated when none is given).
    /// </summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>
    /// When set, every <c>/_sandbox/*</c> route needs <c>Authorization: Bearer &lt;token&gt;</c> (401 otherwise). With
    /// <see cref="ListenOnAnyAddress"/> and no token given, <see cref="SandboxServer"/> generates one
    /// (<see cref="SandboxServer.ControlToken"/>). At least 16 characters.
    /// </summary>
    public string? ControlToken { get; set; }

    /// <summary>Directory for the SQLite state file; <c>null</c> keeps all state in memory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Accepted REST keys, each with its permissions. Any other key is answered 401, as Braze does; with an empty
    /// list (and <see cref="AcceptAnyKey"/> off) every Braze request is refused.
    /// </summary>
    public IList<SandboxApiKey> ApiKeys { get; } = new List<SandboxApiKey>();

    /// <summary>
    /// Accept any non-empty bearer key that is not in <see cref="ApiKeys"/>, with every permission (listed keys keep
    /// theirs). Off by default: Braze refuses unknown keys. Ignored under <see cref="Strict"/>.
    /// </summary>
    public bool AcceptAnyKey { get; set; }

    /// <summary>
    /// The Braze Web SDK's API keys (the SDK key of a Braze app, not a REST key) that <c>/api/v3/data/</c> accepts.
    /// Empty (default): only <see cref="DefaultSdkApiKey"/>. These keys are public in every page that loads the SDK, so
    /// they are no secret and need no permissions.
    /// </summary>
    public IList<string> SdkApiKeys { get; } = new List<string>();

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) whose pages may call the Web SDK routes; any other <c>Origin</c> is refused
    /// with 403. Empty (default): every origin, which suits a sandbox on loopback.
    /// </summary>
    public IList<string> SdkAllowedOrigins { get; } = new List<string>();

    /// <summary>The Web SDK key a sandbox accepts when <see cref="SdkApiKeys"/> is empty, for local pages and the quickstart.</summary>
    public const string DefaultSdkApiKey = "sandbox-web-sdk-key";

    /// <summary>How many objects one <c>/users/track</c> request may carry (reference/braze.md §1.8).</summary>
    public SandboxBatchRule BatchRule { get; set; } = SandboxBatchRule.Combined75;

    /// <summary>Maximum length of a custom attribute array; the oldest values are dropped beyond it (§1.3). Default 25.</summary>
    public int ArrayAttributeCap { get; set; } = 25;

    /// <summary>
    /// Refuse <c>/users/export/ids</c> requests without <c>fields_to_export</c> (400), as Braze does for workspaces
    /// onboarded on or after 2024-08-22. On by default, as for a new workspace; false imitates an older workspace,
    /// which exports every field without it.
    /// </summary>
    public bool RequireFieldsToExport { get; set; } = true;

    /// <summary>
    /// Time between a write and its visibility in <c>/users/export/ids</c> and segments; zero (default) makes every write
    /// visible at once. Braze processes writes asynchronously (usually within 10–100 ms, and it advises waiting up to
    /// five minutes between dependent calls); a delay lets code that reads right after writing meet that. At most
    /// <see cref="SandboxSettings.MaxConsistencyDelay"/>.
    /// </summary>
    public TimeSpan ConsistencyDelay { get; set; }

    /// <summary>
    /// Every documented Braze refusal the sandbox can relax is on, whatever the other options say: today
    /// <see cref="RequireFieldsToExport"/> on and <see cref="AcceptAnyKey"/> off.
    /// </summary>
    public bool Strict { get; set; }

    /// <summary>
    /// Clock used by the sandbox only (it is not registered for the host); when <c>null</c> the
    /// <see cref="TimeProvider"/> from DI is used, registering <see cref="TimeProvider.System"/> if there is none.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// Settings of the control side: request log, rate limits, segment persistence. Its data directory defaults
    /// to <see cref="DataDirectory"/>.
    /// </summary>
    public Control.SandboxControlOptions Control { get; set; } = new();

    /// <summary>
    /// Where simulated Currents events go from start-up, so a host embedding the sandbox can point it at itself;
    /// <c>PUT /_sandbox/currents/connector</c> can replace it at run time. <c>null</c> (default): none until one is set.
    /// When set it also wins over a connector persisted in the data directory.
    /// </summary>
    public SandboxCurrentsConnector? CurrentsConnector { get; set; }

    /// <summary>
    /// Lets the Currents connector (<see cref="CurrentsConnector"/> or <c>PUT /_sandbox/currents/connector</c>) point at
    /// another machine. Off by default: whoever reaches the control API could otherwise make the sandbox post to any
    /// address it can reach (an internal service, a cloud metadata endpoint); only loopback addresses (127.0.0.0/8,
    /// ::1) and <c>localhost</c> are accepted, and no host name is resolved.
    /// </summary>
    public bool AllowRemoteCurrents { get; set; }

    /// <summary>Queue size, retry backoff and request timeout of the Currents sender.</summary>
    public SandboxCurrentsOptions Currents { get; set; } = new();
}
