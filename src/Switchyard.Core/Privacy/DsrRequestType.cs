namespace Switchyard.Core.Privacy;

/// <summary>
/// What a data subject asks for (OpenDSR <c>subject_request_type</c>, https://docs.mparticle.com/developers/apis/dsr-api/v3/).
/// Access and portability both return everything held about the subject; erasure forgets it.
/// </summary>
public enum DsrRequestType
{
    Access,
    Portability,
    Erasure,
}
