using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Identity;

/// <summary>An identify, login, logout or search call: the identities (IDSync names) of the user the client switches to.</summary>
public sealed record IdentityRequest(IdentityOperation Operation, IReadOnlyDictionary<string, string> KnownIdentities, BatchEnvironment Environment, long? PreviousMpid);
