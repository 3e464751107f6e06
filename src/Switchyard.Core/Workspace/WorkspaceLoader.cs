using System.Text.Json;
using System.Text.RegularExpressions;

namespace Switchyard.Core.Workspace;

/// <summary>
/// Reads and validates a workspace file. Unknown fields and invalid values fail with a message that names
/// the field (as a JSON path), so a bad configuration stops the service at start rather than at run time.
/// </summary>
public static partial class WorkspaceLoader
{
    private const int MinSecretLength = 16;
    private const int MinAdminTokenLength = 24;
    private const int MaxLabelLength = 128;

    /// <summary>User identity types by wire name (reference/mparticle.md §1.5).</summary>
    private static readonly string[] UserIdentityNames =
    [
        "customer_id", "email", "other", "other_id_2", "other_id_3", "other_id_4", "other_id_5", "other_id_6", "other_id_7",
        "other_id_8", "other_id_9", "other_id_10", "facebook", "twitter", "google", "microsoft", "yahoo", "alias",
        "facebook_custom_audience_id", "mobile_number", "phone_number_2", "phone_number_3",
    ];

    /// <summary>Reads, validates and checks each output against <paramref name="outputTypes"/> (type and settings).</summary>
    public static Workspace LoadFile(string path, Delivery.Engine.OutputTypeRegistry outputTypes)
    {
        ArgumentNullException.ThrowIfNull(outputTypes);
        var workspace = LoadFile(path);
        try
        {
            outputTypes.Check(workspace);
        }
        catch (WorkspaceException e)
        {
            throw new WorkspaceException($"Invalid workspace file '{path}': {e.Message}", e);
        }

        return workspace;
    }

    /// <summary>Parses and validates the file's structure; output types and settings are not checked (see the overload with a registry).</summary>
    public static Workspace LoadFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkspaceException($"Cannot read the workspace file '{path}': {e.Message}", e);
        }

        try
        {
            return Parse(json);
        }
        catch (WorkspaceException e)
        {
            throw new WorkspaceException($"Invalid workspace file '{path}': {e.Message}", e);
        }
    }

    /// <summary>Parses, validates and checks each output against <paramref name="outputTypes"/> (type and settings).</summary>
    public static Workspace Parse(string json, Delivery.Engine.OutputTypeRegistry outputTypes)
    {
        ArgumentNullException.ThrowIfNull(outputTypes);
        var workspace = Parse(json);
        outputTypes.Check(workspace);
        return workspace;
    }

    /// <summary>Parses and validates the structure; output types and settings are not checked (see the overload with a registry).</summary>
    public static Workspace Parse(string json)
    {
        WorkspaceDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, WorkspaceJsonContext.Default.WorkspaceDocument);
        }
        catch (JsonException e)
        {
            throw new WorkspaceException(DescribeJsonError(e), e);
        }

        if (document is null)
        {
            throw new WorkspaceException("the file must hold a JSON object.");
        }

        return Validate(document);
    }

    private static string DescribeJsonError(JsonException e)
    {
        var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "the document" : e.Path[2..];
        // For an unknown member the path already ends with its name.
        if (UnmappedMember().IsMatch(e.Message))
        {
            return $"unknown field '{where}'.";
        }

        // The reader's own position text counts lines and bytes from zero; editors count from one.
        var message = (e.InnerException ?? e).Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd();
        var position = e.LineNumber is { } line ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})" : "";
        return $"{where}: {message}{position}";
    }

    private static Workspace Validate(WorkspaceDocument document)
    {
        var inputs = new List<InputFeed>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var seenKeys = new HashSet<string>(StringComparer.Ordinal);
        var documents = document.Inputs ?? [];
        for (var i = 0; i < documents.Count; i++)
        {
            var at = $"inputs[{i}]";
            var input = ReadInput(documents[i], at);
            if (!seenIds.Add(input.Id))
            {
                throw new WorkspaceException($"{at}.id: '{input.Id}' is used by another input.");
            }

            if (!seenKeys.Add(input.Key))
            {
                throw new WorkspaceException($"{at}.key: is used by another input; keys must be unique.");
            }

            inputs.Add(input);
        }

        var outputs = Outputs(document.Outputs);
        return new Workspace(inputs)
        {
            Outputs = outputs,
            Connections = Connections(document.Connections, inputs, outputs),
            AudienceConnections = AudienceConnections(document.AudienceConnections, outputs),
            AdminToken = AdminToken(document.Admin),
            UniqueIdentities = UniqueIdentities(document.Processing),
            EventRetention = TimeSpan.FromDays(RetentionDays(document.Processing)),
            InboxRetention = TimeSpan.FromDays(InboxRetentionDays(document.Processing)),
            Partitions = PartitionCount(document.Processing),
            PartitionWorkers = PartitionWorkers(document.Processing),
            Audiences = Audiences(document.Audiences),
            Privacy = Privacy(document.Privacy),
            Storage = Storage(document.Storage),
        };
    }

    private static WorkspaceStorage? Storage(StorageDocument? storage)
    {
        if (storage is null)
        {
            return null;
        }

        var provider = Required(storage.Provider, "storage.provider");
        if (provider == WorkspaceStorage.Sqlite)
        {
            if (storage.Notifications is not null)
            {
                throw new WorkspaceException("storage.notifications: only the postgres provider has them (a SQLite node wakes its own processing).");
            }

            return storage.ConnectionString is null
                ? new WorkspaceStorage(provider, null)
                : throw new WorkspaceException("storage.connectionString: only the postgres provider has one (SQLite keeps its databases in --data).");
        }

        if (provider != WorkspaceStorage.Postgres)
        {
            throw new WorkspaceException($"storage.provider: '{provider}' is not '{WorkspaceStorage.Sqlite}' or '{WorkspaceStorage.Postgres}'.");
        }

        // Left out, it must come from --postgres or SWITCHYARD_POSTGRES (where a password is better kept than in a file).
        return storage.ConnectionString is { } text && string.IsNullOrWhiteSpace(text)
            ? throw new WorkspaceException("storage.connectionString: must not be empty; leave it out to take it from --postgres or SWITCHYARD_POSTGRES.")
            : new WorkspaceStorage(provider, storage.ConnectionString) { Notifications = storage.Notifications ?? true };
    }

    /// <summary>One input as the file (or the admin API) states it; uniqueness among inputs is the caller's to check.</summary>
    private static InputFeed ReadInput(InputFeedDocument? document, string at)
    {
        var feed = document ?? throw new WorkspaceException($"{at}: must be an object.");
        var id = Required(feed.Id, $"{at}.id");
        if (!IdPattern().IsMatch(id))
        {
            throw new WorkspaceException($"{at}.id: '{id}' must be 1-64 characters of a-z, 0-9, '-' or '_'.");
        }

        var key = Required(feed.Key, $"{at}.key");
        if (key.Contains(':', StringComparison.Ordinal) || key.Any(char.IsWhiteSpace))
        {
            throw new WorkspaceException($"{at}.key: must not contain ':' or white space (it is the Basic-auth user name).");
        }

        var web = feed.Kind == "web";
        if (!web && feed.Origins is not null)
        {
            throw new WorkspaceException($"{at}.origins: only a web input (kind 'web') has origins.");
        }

        var secret = web ? WebSecret(feed, at) : Required(feed.Secret, $"{at}.secret");
        if (!web && secret.Length < MinSecretLength)
        {
            throw new WorkspaceException($"{at}.secret: must be at least {MinSecretLength} characters.");
        }

        if (!web && PlaceholderSecrets.IsPlaceholder(secret))
        {
            throw new WorkspaceException($"{at}.secret: {PlaceholderSecrets.Advice}");
        }

        var environment = feed.Environment;
        if (environment is not null && environment is not ("development" or "production"))
        {
            throw new WorkspaceException($"{at}.environment: '{environment}' is not 'development' or 'production'.");
        }

        var input = new InputFeed(id, feed.Name ?? id, key, secret, environment, RateLimit(feed.RateLimit, $"{at}.rateLimit")) { Strict = feed.Strict ?? false };
        return web ? input with { Kind = InputFeedKind.Web, Origins = Origins(feed.Origins, $"{at}.origins") } : BrazeSource(feed, at, input);
    }

    private static PrivacySettings Privacy(PrivacyDocument? privacy)
    {
        if (privacy is null)
        {
            return new PrivacySettings();
        }

        var urls = new List<Uri>();
        for (var i = 0; i < (privacy.DsrCallbackUrls?.Count ?? 0); i++)
        {
            urls.Add(Uri.TryCreate(privacy.DsrCallbackUrls![i], UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.UserInfo.Length == 0
                ? uri
                : throw new WorkspaceException($"privacy.dsrCallbackUrls[{i}]: must be an absolute http or https URL (a prefix callbacks must start with)."));
        }

        var hours = privacy.ErasureWaitingHours ?? 0;
        if (!(hours >= 0 && hours <= 24 * 30))
        {
            throw new WorkspaceException("privacy.erasureWaitingHours: must be between 0 and 720.");
        }

        Uri? publicBase = null;
        if (privacy.PublicBaseUrl is { } text && !(Uri.TryCreate(text, UriKind.Absolute, out publicBase) && (publicBase.Scheme == Uri.UriSchemeHttp || publicBase.Scheme == Uri.UriSchemeHttps)))
        {
            throw new WorkspaceException("privacy.publicBaseUrl: must be an absolute http or https URL.");
        }

        return new PrivacySettings { DsrCallbackUrls = urls, ErasureWaitingPeriod = TimeSpan.FromHours(hours), PublicBaseUrl = publicBase };
    }

    private static IReadOnlyList<OutputDefinition> Outputs(List<OutputDocument?>? documents)
    {
        var outputs = new List<OutputDefinition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var at = $"outputs[{i}]";
            var definition = ReadOutput(documents![i], at);
            if (!seen.Add(definition.Id))
            {
                throw new WorkspaceException($"{at}.id: '{definition.Id}' is used by another output.");
            }

            outputs.Add(definition);
        }

        return outputs;
    }

    /// <summary>One output as the file (or the admin API) states it; its type and settings are the registry's to check.</summary>
    private static OutputDefinition ReadOutput(OutputDocument? document, string at)
    {
        var output = document ?? throw new WorkspaceException($"{at}: must be an object.");
        var id = Required(output.Id, $"{at}.id");
        if (!IdPattern().IsMatch(id))
        {
            throw new WorkspaceException($"{at}.id: '{id}' must be 1-64 characters of a-z, 0-9, '-' or '_'.");
        }

        // Whether the type exists, and its settings, is the output type registry's to say (Parse with a registry).
        var type = Required(output.Type, $"{at}.type");

        if (output.Settings is not { ValueKind: System.Text.Json.JsonValueKind.Object } settings)
        {
            throw new WorkspaceException($"{at}.settings: is required and must be an object.");
        }

        var definition = new OutputDefinition(id, type, settings.GetRawText());
        if (output.BrazeWorkspace is { } label)
        {
            if (!definition.IsBraze)
            {
                throw new WorkspaceException($"{at}.brazeWorkspace: only a Braze output has a Braze workspace.");
            }

            definition = definition with { BrazeWorkspace = Label(label, $"{at}.brazeWorkspace") };
        }

        if (output.MaxInFlight is { } inFlight)
        {
            if (inFlight is < 1 or > Delivery.Engine.DeliveryOptions.MaxInFlightLimit)
            {
                throw new WorkspaceException($"{at}.maxInFlight: must be between 1 and {Delivery.Engine.DeliveryOptions.MaxInFlightLimit}.");
            }

            definition = definition with { MaxInFlight = inFlight };
        }

        return definition;
    }

    private static IReadOnlyList<AudienceConnectionDefinition> AudienceConnections(List<AudienceConnectionDocument?>? documents, IReadOnlyList<OutputDefinition> outputs)
    {
        var connections = new List<AudienceConnectionDefinition>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var at = $"audienceConnections[{i}]";
            var connection = documents![i] ?? throw new WorkspaceException($"{at}: must be an object.");
            var output = Required(connection.Output, $"{at}.output");
            if (outputs.FirstOrDefault(o => o.Id == output) is not { } definition)
            {
                throw new WorkspaceException($"{at}.output: there is no output '{output}'.");
            }

            if (definition.Type != OutputTypes.BrazeAudience)
            {
                throw new WorkspaceException($"{at}.output: '{output}' is a {definition.Type} output; audiences connect to {OutputTypes.BrazeAudience} outputs.");
            }

            if (connection.Audience is not { } audience || audience < 1)
            {
                throw new WorkspaceException($"{at}.audience: is required and must be a positive audience id.");
            }

            if (connections.Any(c => c.OutputId == output && c.AudienceId == audience))
            {
                throw new WorkspaceException($"{at}: audience {audience} is already connected to '{output}'.");
            }

            connections.Add(new AudienceConnectionDefinition(output, audience, connection.Active ?? true));
        }

        return connections;
    }

    private static IReadOnlyList<Connection> Connections(List<ConnectionDocument?>? documents, IReadOnlyList<InputFeed> inputs, IReadOnlyList<OutputDefinition> outputs)
    {
        var connections = new List<Connection>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var at = $"connections[{i}]";
            var connection = ReadConnection(documents![i], inputs, outputs, at);
            if (connections.Any(c => c.InputId == connection.InputId && c.OutputId == connection.OutputId))
            {
                throw new WorkspaceException($"{at}: '{connection.InputId}' is already connected to '{connection.OutputId}'.");
            }

            connections.Add(connection);
        }

        return connections;
    }

    /// <summary>One connection as the file (or the admin API) states it, against the inputs and outputs it may name; duplicates are the caller's to check.</summary>
    private static Connection ReadConnection(ConnectionDocument? document, IReadOnlyList<InputFeed> inputs, IReadOnlyList<OutputDefinition> outputs, string at)
    {
        var connection = document ?? throw new WorkspaceException($"{at}: must be an object.");
        var input = Required(connection.Input, $"{at}.input");
        var output = Required(connection.Output, $"{at}.output");
        if (!inputs.Any(f => f.Id == input))
        {
            throw new WorkspaceException($"{at}.input: there is no input '{input}'.");
        }

        if (!outputs.Any(o => o.Id == output))
        {
            throw new WorkspaceException($"{at}.output: there is no output '{output}'.");
        }

        // Inputs connect to event outputs (braze, mparticle, or a type a plug-in adds); audience outputs take audiences.
        var outputType = outputs.First(o => o.Id == output).Type;
        if (outputType == OutputTypes.BrazeAudience)
        {
            throw new WorkspaceException($"{at}.output: '{output}' is a {OutputTypes.BrazeAudience} output; connect audiences to it under audienceConnections.");
        }

        var echo = connection.Echo switch
        {
            null or "suppress" => EchoPolicy.Suppress,
            "forward" => EchoPolicy.Forward,
            var other => throw new WorkspaceException($"{at}.echo: '{other}' is not 'suppress' or 'forward'."),
        };
        var (mode, kit) = KitMode(connection, inputs.First(f => f.Id == input), at);
        if (mode == ConnectionMode.Kit && outputType != OutputTypes.Braze)
        {
            throw new WorkspaceException($"{at}.mode: kit mode is for braze outputs (the page runs the Braze kit); '{output}' is a {outputType} output.");
        }

        return new Connection(input, output, connection.Active ?? true) { Echo = echo, Mode = mode, Kit = kit };
    }

    /// <summary>A connection's mode; kit mode is for a web input's pages, whose Braze kit needs its settings.</summary>
    private static (ConnectionMode Mode, BrazeKitSettings? Kit) KitMode(ConnectionDocument connection, InputFeed input, string at)
    {
        var mode = connection.Mode switch
        {
            null or "server" => ConnectionMode.Server,
            "kit" => ConnectionMode.Kit,
            var other => throw new WorkspaceException($"{at}.mode: '{other}' is not 'server' or 'kit'."),
        };
        if (mode == ConnectionMode.Server)
        {
            return connection.Kit is null ? (mode, null) : throw new WorkspaceException($"{at}.kit: only a kit-mode connection (\"mode\": \"kit\") has kit settings.");
        }

        if (!input.IsWeb)
        {
            throw new WorkspaceException($"{at}.mode: kit mode is for web inputs (the Braze kit runs in their pages); '{input.Id}' is of kind {input.Kind.ToString().ToLowerInvariant()}.");
        }

        var kit = connection.Kit ?? throw new WorkspaceException($"{at}.kit: a kit-mode connection needs the Braze kit's settings (apiKey, and cluster or sdkEndpoint).");
        var apiKey = Required(kit.ApiKey, $"{at}.kit.apiKey");
        if (PlaceholderSecrets.IsPlaceholder(apiKey))
        {
            throw new WorkspaceException($"{at}.kit.apiKey: {PlaceholderSecrets.Advice}");
        }

        if ((kit.Cluster is null) == (kit.SdkEndpoint is null))
        {
            throw new WorkspaceException($"{at}.kit: give either cluster ({string.Join(", ", BrazeKitSettings.Clusters)}) or sdkEndpoint (host[:port]), not both or neither.");
        }

        if (kit.Cluster is { } cluster && !BrazeKitSettings.Clusters.Contains(cluster))
        {
            throw new WorkspaceException($"{at}.kit.cluster: '{cluster}' is not one of {string.Join(", ", BrazeKitSettings.Clusters)}.");
        }

        if (kit.SdkEndpoint is { } endpoint && Uri.CheckHostName(endpoint.Split(':')[0]) == UriHostNameType.Unknown
            || kit.SdkEndpoint is { } withPort && (withPort.Contains('/', StringComparison.Ordinal) || withPort.Split(':') is [_, var port] && !int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            throw new WorkspaceException($"{at}.kit.sdkEndpoint: '{kit.SdkEndpoint}' is not host[:port] (no scheme, no path).");
        }

        var identification = kit.UserIdentificationType ?? "CustomerId";
        if (!BrazeKitSettings.IdentificationTypes.Contains(identification))
        {
            throw new WorkspaceException($"{at}.kit.userIdentificationType: '{identification}' is not one of {string.Join(", ", BrazeKitSettings.IdentificationTypes)}.");
        }

        return (mode, new BrazeKitSettings(apiKey, kit.Cluster, kit.SdkEndpoint, identification, kit.ForwardScreenViews ?? false, kit.BundleCommerceEventData ?? false));
    }

    /// <summary>A web input has no secret: its key is in every page that loads the SDK (as mParticle's web keys are).</summary>
    private static string WebSecret(InputFeedDocument feed, string at)
    {
        foreach (var (value, field) in new[] { (feed.Secret, "secret"), (feed.BrazeWorkspace, "brazeWorkspace"), (feed.BrazeScope, "brazeScope"), (feed.BrazeAppId, "brazeAppId") })
        {
            if (value is not null)
            {
                throw new WorkspaceException(field == "secret"
                    ? $"{at}.secret: a web input has no secret (its key is public: it is in the page); remove it, or use kind 'events' for a server."
                    : $"{at}.{field}: only a Braze feed (kind braze_ios, braze_android, braze_web or braze_unbound) has one.");
            }
        }

        return "";
    }

    /// <summary>The origins a web input takes: <c>scheme://host[:port]</c> each, or <c>*</c> for any.</summary>
    private static List<string> Origins(List<string?>? origins, string at)
    {
        if (origins is null || origins.Count == 0)
        {
            throw new WorkspaceException($"{at}: a web input names the origins of its pages, such as [\"https://shop.example.com\"] (or [\"*\"] for any).");
        }

        var list = new List<string>();
        for (var i = 0; i < origins.Count; i++)
        {
            var origin = origins[i];
            if (origin == "*")
            {
                list.Add(origin);
                continue;
            }

            if (origin is null || !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.PathAndQuery != "/" || origin.TrimEnd('/').Length != uri.GetLeftPart(UriPartial.Authority).Length || uri.UserInfo.Length > 0)
            {
                throw new WorkspaceException($"{at}[{i}]: '{origin}' is not an origin (scheme://host[:port], no path), nor '*'.");
            }

            list.Add(uri.GetLeftPart(UriPartial.Authority));
        }

        return list;
    }

    /// <summary>The feed's kind and, for the Braze kinds, where in Braze its data comes from (reference/mparticle.md §5).</summary>
    private static InputFeed BrazeSource(InputFeedDocument document, string at, InputFeed feed)
    {
        var kind = document.Kind switch
        {
            null or "events" => InputFeedKind.Events,
            "braze_ios" => InputFeedKind.BrazeIos,
            "braze_android" => InputFeedKind.BrazeAndroid,
            "braze_web" => InputFeedKind.BrazeWeb,
            "braze_unbound" => InputFeedKind.BrazeUnbound,
            var other => throw new WorkspaceException($"{at}.kind: '{other}' is not an input kind (events, web, braze_ios, braze_android, braze_web, braze_unbound)."),
        };
        if (kind == InputFeedKind.Events)
        {
            foreach (var (value, field) in new[] { (document.BrazeWorkspace, "brazeWorkspace"), (document.BrazeScope, "brazeScope"), (document.BrazeAppId, "brazeAppId") })
            {
                if (value is not null)
                {
                    throw new WorkspaceException($"{at}.{field}: only a Braze feed (kind braze_ios, braze_android, braze_web or braze_unbound) has one.");
                }
            }

            return feed;
        }

        var scope = document.BrazeScope switch
        {
            null or "workspace" => BrazeFeedScope.Workspace,
            "app" => BrazeFeedScope.App,
            var other => throw new WorkspaceException($"{at}.brazeScope: '{other}' is not 'workspace' or 'app'."),
        };
        string? appId = null;
        if (scope == BrazeFeedScope.App)
        {
            appId = document.BrazeAppId is null
                ? throw new WorkspaceException($"{at}.brazeAppId: is required when brazeScope is 'app'.")
                : Label(document.BrazeAppId, $"{at}.brazeAppId");
        }
        else if (document.BrazeAppId is not null)
        {
            throw new WorkspaceException($"{at}.brazeAppId: only an app-scoped feed (brazeScope 'app') has one.");
        }

        return feed with
        {
            Kind = kind,
            BrazeWorkspace = document.BrazeWorkspace is { } label ? Label(label, $"{at}.brazeWorkspace") : null,
            BrazeScope = scope,
            BrazeAppId = appId,
        };
    }

    /// <summary>A Braze identifier or label: compared exactly, so surrounding white space would only hide a mismatch.</summary>
    private static string Label(string value, string field) =>
        value.Length is 0 or > MaxLabelLength || value.Trim().Length != value.Length
            ? throw new WorkspaceException($"{field}: must be 1-{MaxLabelLength} characters without leading or trailing white space.")
            : value;

    private static string? AdminToken(AdminDocument? admin)
    {
        if (admin?.Token is not { } token)
        {
            return null;
        }

        if (token.Length < MinAdminTokenLength || token.Any(char.IsWhiteSpace))
        {
            throw new WorkspaceException($"admin.token: must be at least {MinAdminTokenLength} characters without white space.");
        }

        return PlaceholderSecrets.IsPlaceholder(token) ? throw new WorkspaceException($"admin.token: {PlaceholderSecrets.Advice}") : token;
    }

    private static IReadOnlyList<string> UniqueIdentities(ProcessingDocument? processing)
    {
        if (processing?.UniqueIdentities is not { } names)
        {
            return ["customer_id", "email"];
        }

        if (names.Count == 0)
        {
            throw new WorkspaceException("processing.uniqueIdentities: list at least one identity type.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name is null || !UserIdentityNames.Contains(name))
            {
                throw new WorkspaceException($"processing.uniqueIdentities[{i}]: '{name}' is not a user identity type ({string.Join(", ", UserIdentityNames)}).");
            }

            if (!seen.Add(name))
            {
                throw new WorkspaceException($"processing.uniqueIdentities[{i}]: '{name}' is listed twice.");
            }
        }

        return [.. names!];
    }

    /// <summary>Each definition is checked with the audience parser, then the set (ids unique, member_of references valid).</summary>
    private static IReadOnlyList<string> Audiences(List<System.Text.Json.JsonElement>? audiences)
    {
        var texts = new List<string>();
        var definitions = new List<Audiences.AudienceDefinition>();
        for (var i = 0; i < (audiences?.Count ?? 0); i++)
        {
            var text = audiences![i].GetRawText();
            var parsed = Switchyard.Core.Audiences.AudienceDefinitionParser.Parse(text);
            if (parsed.Definition is not { } definition)
            {
                var error = parsed.Errors[0];
                throw new WorkspaceException($"audiences[{i}]{(error.Path.Length == 0 ? "" : "." + error.Path)}: {error.Message}");
            }

            texts.Add(text);
            definitions.Add(definition);
        }

        var setErrors = Switchyard.Core.Audiences.AudienceDefinitionParser.ValidateSet(definitions);
        return setErrors.Count == 0 ? texts : throw new WorkspaceException($"audiences{setErrors[0].Path}: {setErrors[0].Message}");
    }

    private static int RetentionDays(ProcessingDocument? processing) => processing?.EventRetentionDays switch
    {
        null => 30,
        >= 1 and <= 3650 and var days => days,
        var days => throw new WorkspaceException($"processing.eventRetentionDays: {days} is not between 1 and 3650."),
    };

    private static int PartitionCount(ProcessingDocument? processing) => processing?.Partitions switch
    {
        null => Partitions.UserPartitions.DefaultCount,
        >= 1 and <= Partitions.UserPartitions.MaxCount and var count => count,
        var count => throw new WorkspaceException($"processing.partitions: {count} is not between 1 and {Partitions.UserPartitions.MaxCount}."),
    };

    private static int PartitionWorkers(ProcessingDocument? processing) => processing?.PartitionWorkers switch
    {
        null => Math.Clamp(Environment.ProcessorCount, 1, Workspace.MaxPartitionWorkers),
        >= 1 and <= Workspace.MaxPartitionWorkers and var workers => workers,
        var workers => throw new WorkspaceException($"processing.partitionWorkers: {workers} is not between 1 and {Workspace.MaxPartitionWorkers}."),
    };

    private static int InboxRetentionDays(ProcessingDocument? processing) => processing?.InboxRetentionDays switch
    {
        null => Workspace.DefaultInboxRetentionDays,
        >= 1 and <= 3650 and var days => days,
        var days => throw new WorkspaceException($"processing.inboxRetentionDays: {days} is not between 1 and 3650."),
    };

    private static FeedRateLimit RateLimit(FeedRateLimitDocument? document, string at)
    {
        if (document is null)
        {
            return FeedRateLimit.Default;
        }

        var rate = document.BatchesPerSecond ?? FeedRateLimit.Default.BatchesPerSecond;
        if (rate <= 0)
        {
            throw new WorkspaceException($"{at}.batchesPerSecond: must be a positive whole number.");
        }

        var burst = document.Burst ?? (rate > int.MaxValue / 2 ? int.MaxValue : rate * 2);
        if (burst < rate)
        {
            throw new WorkspaceException($"{at}.burst: must be at least batchesPerSecond ({rate}).");
        }

        return new FeedRateLimit(rate, burst);
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new WorkspaceException($"{field}: is required.") : value;

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedMember();
}
