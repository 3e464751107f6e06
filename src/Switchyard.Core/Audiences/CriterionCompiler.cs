namespace Switchyard.Core.Audiences;

/// <summary>
/// Validates one definition and compiles its criteria in the same walk, so the rules checked and the rules run
/// cannot drift apart. Errors carry the JSON path; nothing here throws for bad input. Collects what the catalog
/// needs beyond the tree: member_of references, time dependence and the event attributes <c>where</c> reads.
/// </summary>
internal sealed partial class CriterionCompiler
{
    public const int MaxDepth = 16;

    public const int MaxExternalNameLength = 100;

    /// <summary>The message for a string that escapes a lone UTF-16 surrogate (see <see cref="TryGetText"/>).</summary>
    public const string UnpairedSurrogate = "is not valid text: it holds an unpaired UTF-16 surrogate (such as \\ud800).";

    private const int MaxNameLength = 256;

    private readonly List<AudienceValidationError> _errors = [];

    public IReadOnlyList<AudienceValidationError> Errors => _errors;

    public List<(int AudienceId, string Path)> MemberOf { get; } = [];

    public bool UsesRollingWindow { get; private set; }

    /// <summary>The latest exclusive end of any date range, or null when there is none.</summary>
    public long? LatestRangeEndMs { get; private set; }

    public List<EventAttributeNeed> EventAttributes { get; } = [];

    /// <summary>Every event criterion that compiled, for <see cref="AudienceLimits"/>.</summary>
    public List<CompiledEventCriterion> EventCriteria { get; } = [];

    /// <summary>The compiled criteria; null when there were errors.</summary>
    public CriterionNode? Root { get; private set; }

    public static CriterionCompiler Compile(AudienceDefinition? definition)
    {
        var compiler = new CriterionCompiler();
        compiler.CompileDefinition(definition);
        return compiler;
    }

    private void CompileDefinition(AudienceDefinition? definition)
    {
        if (definition is null)
        {
            Error("", "the definition must be a JSON object.");
            return;
        }

        if (definition.Id <= 0)
        {
            Error("id", "must be a positive whole number.");
        }

        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            Error("name", "is required.");
        }
        else if (definition.Name.Length > MaxNameLength)
        {
            Error("name", $"must be at most {MaxNameLength} characters.");
        }

        if (definition.ExternalName is { } external && (external.Length > MaxExternalNameLength || string.IsNullOrWhiteSpace(external)))
        {
            Error("external_name", $"must be 1 to {MaxExternalNameLength} characters (leave it out to use the name).");
        }

        var root = Node(definition.Criteria, "criteria", 1);
        Root = _errors.Count == 0 ? root : null;
    }

    private CriterionNode? Node(Criterion? criterion, string path, int depth)
    {
        if (criterion is null)
        {
            Error(path, "must be a criterion object.");
            return null;
        }

        if (depth > MaxDepth)
        {
            Error(path, $"criteria are nested deeper than {MaxDepth} levels.");
            return null;
        }

        var kind = KindOf(criterion, path);
        return kind switch
        {
            "and" => Group(criterion.And!, path + ".and", depth, all: true),
            "or" => Group(criterion.Or!, path + ".or", depth, all: false),
            "not" => Node(criterion.Not, path + ".not", depth + 1) is { } inner ? new NotNode(inner) : null,
            "attribute" => UserAttribute(criterion, path),
            "identity" => IdentityCriterion(criterion, path),
            "event" => EventCriterion(criterion, path),
            "member_of" => MemberOfAudience(criterion.MemberOf!.Value, path + ".member_of"),
            "consent" => ConsentCriterion(criterion, path),
            "device" => DeviceCriterion(criterion, path),
            "location" => LocationCriterion(criterion, path),
            "seen" => SeenCriterion(criterion, path),
            _ => null,
        };
    }

    private CriterionNode? Group(IReadOnlyList<Criterion> items, string path, int depth, bool all)
    {
        if (items.Count == 0)
        {
            Error(path, "must hold at least one criterion.");
            return null;
        }

        var children = new CriterionNode[items.Count];
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            var child = Node(items[i], $"{path}[{i}]", depth + 1);
            ok &= child is not null;
            children[i] = child!;
        }

        return !ok ? null : all ? new AllOfNode(children) : new AnyOfNode(children);
    }

    private MemberOfNode? MemberOfAudience(int audienceId, string path)
    {
        if (audienceId <= 0)
        {
            Error(path, "must be a positive audience id.");
            return null;
        }

        MemberOf.Add((audienceId, path));
        return new MemberOfNode(audienceId);
    }

    private void Error(string path, string message) => _errors.Add(new AudienceValidationError(path, message));

    /// <summary>Keeps hostile values from bloating error messages.</summary>
    private static string Clip(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");
}
