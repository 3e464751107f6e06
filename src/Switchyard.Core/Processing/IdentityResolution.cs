using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>The outcome of resolving a batch to a profile.</summary>
/// <param name="Profile">The working copy the batch is applied to (saved by the caller).</param>
/// <param name="Created">True when no profile matched and this one is new.</param>
/// <param name="Conflict">True when a unique identity of the batch belongs to another known profile.</param>
/// <param name="Withheld">Identity wire names the batch carries that must not be linked to <paramref name="Profile"/>.</param>
/// <param name="Absorbed">Anonymous profiles merged into <paramref name="Profile"/> and deleted.</param>
/// <param name="Released">Other known profiles that lost a device or non-unique identity to <paramref name="Profile"/>; not yet saved.</param>
internal sealed record IdentityResolution(
    Profile Profile,
    bool Created,
    bool Conflict,
    IReadOnlySet<string> Withheld,
    IReadOnlyList<Profile> Absorbed,
    IReadOnlyList<Profile> Released);
