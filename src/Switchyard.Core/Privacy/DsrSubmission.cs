namespace Switchyard.Core.Privacy;

/// <summary>A validated DSR API submission (https://docs.mparticle.com/developers/apis/dsr-api/v3/).</summary>
/// <param name="SubjectRequestId">Lower-case UUID chosen by the controller.</param>
/// <param name="Identities">Identity key (<see cref="Profiles.IdentityKeys"/>) → value, from both identity objects.</param>
/// <param name="Mpid">The MPID given in the extension; then it is the only identity.</param>
public sealed record DsrSubmission(
    string SubjectRequestId,
    string Regulation,
    DsrRequestType Type,
    DateTimeOffset SubmittedTime,
    IReadOnlyDictionary<string, string> Identities,
    long? Mpid,
    IReadOnlyList<string> CallbackUrls,
    string? GroupId,
    bool SkipWaitingPeriod);
