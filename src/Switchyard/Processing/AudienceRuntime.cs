using Microsoft.Extensions.Logging;
using Switchyard.Core.Audiences;

namespace Switchyard.Processing;

/// <summary>
/// The compiled audiences the processor evaluates, rebuilt when the stored definitions change. It starts from the
/// definitions stored when the service starts, so a restart without changes does not re-evaluate every profile,
/// while definitions changed afterwards (by the workspace file at start-up or the admin API) do.
/// </summary>
internal sealed class AudienceRuntime
{
    private readonly IAudienceStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AudienceRuntime> _logger;
    private readonly Lock _gate = new();
    private long _version;
    private AudienceCatalog _catalog;

    public AudienceRuntime(IAudienceStore store, TimeProvider time, ILogger<AudienceRuntime> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _version = store.Version;
        _catalog = Compile();
    }

    /// <summary>The current catalog, and whether definitions changed since the last call.</summary>
    public (IAudienceEvaluator Evaluator, bool Changed) Current()
    {
        lock (_gate)
        {
            var version = _store.Version;
            if (version == _version)
            {
                return (_catalog, false);
            }

            _catalog = Compile();
            _version = version;
            return (_catalog, true);
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
