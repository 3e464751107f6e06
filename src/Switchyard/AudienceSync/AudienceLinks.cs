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
    private readonly Lock _gate = new();
    private long _version = -1;
    private Dictionary<int, string> _names = [];

    /// <summary>
    /// The output's connections for the engine: active when the connection is and the audience exists. A deleted
    /// audience has no name any more; the engine does not use the name of an inactive link (a clean-up uses the name
    /// kept in its ledger).
    /// </summary>
    public IReadOnlyList<AudienceLink> Of(string outputId)
    {
        var names = Names();
        return [.. sync.AudienceConnections()
            .Where(c => c.OutputId == outputId)
            .Select(c => names.TryGetValue(c.AudienceId, out var name)
                ? new AudienceLink(c.AudienceId, name, c.Active)
                : new AudienceLink(c.AudienceId, "", Active: false))];
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
