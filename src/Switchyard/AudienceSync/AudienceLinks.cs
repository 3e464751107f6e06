using Switchyard.Core.Audiences;
using Switchyard.Core.Delivery;

namespace Switchyard.AudienceSync;

/// <summary>One connected audience as an audience output sees it on this pass.</summary>
/// <param name="ExternalName">The audience's external name (what Braze sees); null when the audience no longer exists.</param>
/// <param name="Active">The connection is active and the audience exists: its membership is sent.</param>
internal sealed record ConnectedAudience(int AudienceId, string? ExternalName, bool Active);

/// <summary>
/// The audience connections of each output joined with the current audience definitions. An audience that was
/// deleted counts as inactive: nothing is sent for it, and what Braze has stays as it was (the seed's rule).
/// Definitions are parsed again only when the audience store's version moves.
/// </summary>
internal sealed class AudienceLinks(IAudienceSyncStore sync, IAudienceStore audiences)
{
    private readonly Lock _gate = new();
    private long _version = -1;
    private Dictionary<int, string> _names = [];

    public IReadOnlyList<ConnectedAudience> Of(string outputId)
    {
        var names = Names();
        return [.. sync.AudienceConnections()
            .Where(c => c.OutputId == outputId)
            .Select(c => new ConnectedAudience(c.AudienceId, names.GetValueOrDefault(c.AudienceId), c.Active && names.ContainsKey(c.AudienceId)))];
    }

    /// <summary>The external name of an audience that exists, else null.</summary>
    public string? ExternalName(int audienceId) => Names().GetValueOrDefault(audienceId);

    private Dictionary<int, string> Names()
    {
        lock (_gate)
        {
            var version = audiences.Version;
            if (version != _version)
            {
                var names = new Dictionary<int, string>();
                foreach (var stored in audiences.List())
                {
                    if (AudienceDefinitionParser.Parse(stored.DefinitionJson).Definition is { } definition)
                    {
                        names[definition.Id] = definition.EffectiveExternalName;
                    }
                }

                _names = names;
                _version = version;
            }

            return _names;
        }
    }
}
