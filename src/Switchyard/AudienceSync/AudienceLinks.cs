using Switchyard.Braze.Engine;
using Switchyard.Core.Audiences;
using Switchyard.Core.Delivery;

namespace Switchyard.AudienceSync;

/// <summary>
/// The audience connections of each output joined with the current audience definitions. An audience that was
/// deleted counts as inactive: nothing is sent for it, and what Braze has stays as it was (the seed's rule).
/// Definitions are parsed again only when the audience store's version moves.
/// </summary>
internal sealed class AudienceLinks(IAudienceSyncStore sync, IAudienceStore audiences) : Braze.Outputs.IAudienceLinkSource
{
    private Names _names = new(-1, new Dictionary<int, string>());

    /// <summary>
    /// The output's connections for the engine: active when the connection is and the audience exists. A deleted
    /// audience has no name any more; the engine does not use the name of an inactive link (a clean-up uses the name
    /// kept in its ledger).
    /// </summary>
    public async Task<IReadOnlyList<AudienceLink>> OfAsync(string outputId, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(cancellationToken).ConfigureAwait(false);
        return [.. sync.AudienceConnections()
            .Where(c => c.OutputId == outputId)
            .Select(c => names.TryGetValue(c.AudienceId, out var name)
                ? new AudienceLink(c.AudienceId, name, c.Active)
                : new AudienceLink(c.AudienceId, "", Active: false))];
    }

    /// <summary>The external name of an audience that exists, else null.</summary>
    public async Task<string?> ExternalNameAsync(int audienceId, CancellationToken cancellationToken) =>
        (await NamesAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(audienceId);

    private async Task<IReadOnlyDictionary<int, string>> NamesAsync(CancellationToken cancellationToken)
    {
        var version = await audiences.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        var known = Volatile.Read(ref _names);
        if (known.Version == version)
        {
            return known.ByAudience;
        }

        // Two callers may both rebuild after a change; each gets a complete map of that version, and either may stay.
        var names = new Dictionary<int, string>();
        foreach (var stored in await audiences.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (AudienceDefinitionParser.Parse(stored.DefinitionJson).Definition is { } definition)
            {
                names[definition.Id] = definition.EffectiveExternalName;
            }
        }

        Volatile.Write(ref _names, new Names(version, names));
        return names;
    }

    private sealed record Names(long Version, IReadOnlyDictionary<int, string> ByAudience);
}
