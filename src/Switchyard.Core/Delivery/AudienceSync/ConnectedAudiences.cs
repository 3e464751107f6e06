using Switchyard.Core.Audiences;

namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>
/// The audience connections of each output joined with the current audience definitions. An audience that was deleted
/// counts as inactive: nothing is sent for it, and what Braze has stays as it was (the seed's rule). Definitions are
/// parsed again only when the audience store's version moves.
/// </summary>
public sealed class ConnectedAudiences(IAudienceSyncStore sync, IAudienceStore audiences)
{
    private Names _names = new(-1, new Dictionary<int, string>());

    /// <summary>The output's connected audiences, by audience id.</summary>
    public async Task<IReadOnlyList<ConnectedAudience>> OfAsync(string outputId, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(cancellationToken).ConfigureAwait(false);
        return [.. (await sync.AudienceConnectionsAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => c.OutputId == outputId)
            .Select(c => names.TryGetValue(c.AudienceId, out var name)
                ? new ConnectedAudience(c.AudienceId, name, c.Active)
                : new ConnectedAudience(c.AudienceId, "", Active: false))];
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
