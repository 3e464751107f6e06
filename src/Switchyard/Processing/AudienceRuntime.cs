using Microsoft.Extensions.Logging;
using Switchyard.Core.Audiences;

namespace Switchyard.Processing;

/// <summary>
/// The compiled audiences the processor evaluates, rebuilt when the stored definitions change, and whether every
/// profile still has to be evaluated against them: that is the case until a full re-evaluation of the current
/// version has completed. The evaluated version is kept in the audience store (<see cref="IAudienceStore.GetEvaluatedAsync"/>),
/// so it survives restarts and every node reads the same.
/// </summary>
internal sealed class AudienceRuntime
{
    /// <summary>What a full evaluation of this Switchyard writes besides memberships: the expiry index.</summary>
    public const string Generation = "expiry-index";

    private readonly IAudienceStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AudienceRuntime> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly EvaluatedAudienceVersion _legacyFile;
    private bool _initialized;
    private long _compiledVersion;
    private long _evaluatedVersion;
    private AudienceCatalog _catalog = AudienceCatalog.Create([], 0);

    public AudienceRuntime(IAudienceStore store, EvaluatedAudienceVersion legacyFile, TimeProvider time, ILogger<AudienceRuntime> logger)
    {
        _store = store;
        _legacyFile = legacyFile;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Reads the stored definitions and what was evaluated. Called at start-up before the workspace file's audiences are
    /// applied, so a change made in the file is noticed and every profile is evaluated against it; later calls do nothing.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await InitializeLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The catalog of the stored definitions, their version, and whether every profile must be evaluated against them
    /// (call <see cref="MarkEvaluatedAsync"/> with that version once done).
    /// </summary>
    public async Task<(IAudienceEvaluator Evaluator, long Version, bool NeedsFullEvaluation)> CurrentAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await InitializeLockedAsync(cancellationToken).ConfigureAwait(false);
            var version = await _store.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            if (version != _compiledVersion)
            {
                Volatile.Write(ref _catalog, await CompileAsync(cancellationToken).ConfigureAwait(false));
                _compiledVersion = version;
            }

            return (_catalog, version, version != _evaluatedVersion);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every profile has been evaluated against this version of the definitions.</summary>
    public async Task MarkEvaluatedAsync(long version, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _store.SetEvaluatedAsync(new EvaluatedAudiences(version, Generation), cancellationToken).ConfigureAwait(false);
            _evaluatedVersion = version;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Recompiles against the current time, so date ranges that have ended stop counting as time-dependent.</summary>
    public async Task<IAudienceEvaluator> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var catalog = await CompileAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _catalog, catalog);
            return catalog;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The name of a compiled audience (as of the last <see cref="CurrentAsync"/>), else null.</summary>
    public string? NameOf(int id) => Volatile.Read(ref _catalog).Definitions.FirstOrDefault(d => d.Id == id)?.Name;

    private async Task InitializeLockedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        _compiledVersion = await _store.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _catalog, await CompileAsync(cancellationToken).ConfigureAwait(false));
        var evaluated = await _store.GetEvaluatedAsync(cancellationToken).ConfigureAwait(false);
        if (evaluated is null)
        {
            // Kept in a file by an earlier Switchyard, moved into the store once. A data directory with neither is
            // new: there are no profiles to evaluate yet.
            evaluated = _legacyFile.Read() is { } kept
                ? new EvaluatedAudiences(kept, kept == EvaluatedAudienceVersion.Stale ? EvaluatedAudienceVersion.OlderGeneration : Generation)
                : new EvaluatedAudiences(_compiledVersion, Generation);
            await _store.SetEvaluatedAsync(evaluated, cancellationToken).ConfigureAwait(false);
            _legacyFile.Delete();
        }

        // An evaluation of an older kind did not write everything this one does: it counts as never done.
        _evaluatedVersion = evaluated.Generation == Generation ? evaluated.Version : long.MinValue;
        _initialized = true;
    }

    private async Task<AudienceCatalog> CompileAsync(CancellationToken cancellationToken)
    {
        var definitions = new List<AudienceDefinition>();
        foreach (var stored in await _store.ListAsync(cancellationToken).ConfigureAwait(false))
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
