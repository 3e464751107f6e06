using Microsoft.Extensions.Logging;
using Switchyard.Core.Audiences;

namespace Switchyard.Processing;

/// <summary>
/// The compiled audiences the processor evaluates, rebuilt when the stored definitions change, and whether every
/// profile still has to be evaluated against them: that is the case until a full re-evaluation of the current
/// version has completed (<see cref="EvaluatedAudienceVersion"/>), across restarts too.
/// </summary>
internal sealed class AudienceRuntime
{
    private readonly IAudienceStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AudienceRuntime> _logger;
    private readonly Lock _gate = new();
    private readonly EvaluatedAudienceVersion _evaluatedFile;
    private long _compiledVersion;
    private long _evaluatedVersion;
    private AudienceCatalog _catalog;

    public AudienceRuntime(IAudienceStore store, EvaluatedAudienceVersion evaluated, TimeProvider time, ILogger<AudienceRuntime> logger)
    {
        _store = store;
        _evaluatedFile = evaluated;
        _time = time;
        _logger = logger;
        _compiledVersion = store.Version;
        _catalog = Compile();

        // A data directory without the file is new: there are no profiles to evaluate yet.
        if (evaluated.Read() is { } kept)
        {
            _evaluatedVersion = kept;
        }
        else
        {
            _evaluatedVersion = _compiledVersion;
            evaluated.Write(_evaluatedVersion);
        }
    }

    /// <summary>
    /// The catalog of the stored definitions, their version, and whether every profile must be evaluated against them
    /// (call <see cref="MarkEvaluated"/> with that version once done).
    /// </summary>
    public (IAudienceEvaluator Evaluator, long Version, bool NeedsFullEvaluation) Current()
    {
        lock (_gate)
        {
            var version = _store.Version;
            if (version != _compiledVersion)
            {
                _catalog = Compile();
                _compiledVersion = version;
            }

            return (_catalog, version, version != _evaluatedVersion);
        }
    }

    /// <summary>Every profile has been evaluated against this version of the definitions.</summary>
    public void MarkEvaluated(long version)
    {
        lock (_gate)
        {
            _evaluatedFile.Write(version);
            _evaluatedVersion = version;
        }
    }

    /// <summary>Recompiles against the current time, so date ranges that have ended stop counting as time-dependent.</summary>
    public IAudienceEvaluator Refresh()
    {
        lock (_gate)
        {
            _catalog = Compile();
            return _catalog;
        }
    }

    public string? NameOf(int id)
    {
        lock (_gate)
        {
            return _catalog.Definitions.FirstOrDefault(d => d.Id == id)?.Name;
        }
    }

    private AudienceCatalog Compile()
    {
        var definitions = new List<AudienceDefinition>();
        foreach (var stored in _store.List())
        {
            var parsed = AudienceDefinitionParser.Parse(stored.DefinitionJson);
            if (parsed.Definition is { } definition)
            {
                definitions.Add(definition);
            }
            else
            {
                Log.InvalidStoredAudience(_logger, stored.Id, parsed.Errors[0].ToString());
            }
        }

        // The admin API keeps the set valid; should a reference still dangle, leave out what it breaks rather than everything.
        for (var errors = AudienceDefinitionParser.ValidateSet(definitions); errors.Count > 0; errors = AudienceDefinitionParser.ValidateSet(definitions))
        {
            var broken = errors.Select(e => IndexOf(e.Path)).Where(i => i >= 0 && i < definitions.Count).Distinct().OrderDescending().ToList();
            if (broken.Count == 0)
            {
                definitions.Clear();
                break;
            }

            foreach (var index in broken)
            {
                Log.InvalidStoredAudience(_logger, definitions[index].Id, errors.First(e => IndexOf(e.Path) == index).ToString());
                definitions.RemoveAt(index);
            }
        }

        return AudienceCatalog.Create(definitions, _time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private static int IndexOf(string path)
    {
        var end = path.IndexOf(']', StringComparison.Ordinal);
        return path.StartsWith('[') && end > 1 && int.TryParse(path.AsSpan(1, end - 1), System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : -1;
    }
}
