using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Privacy;

// The shapes of the DSR API's bodies as the OpenAPI document shows them (documentation only: DsrJson writes the
// answers and DsrSubmissionParser reads requests, following https://docs.mparticle.com/developers/apis/dsr-api/v3/).

/// <summary>A request to submit.</summary>
internal sealed record DsrSubmitSchema(
    [property: JsonPropertyName("regulation")] string Regulation,
    [property: JsonPropertyName("subject_request_id")] string SubjectRequestId,
    [property: JsonPropertyName("subject_request_type")] string SubjectRequestType,
    [property: JsonPropertyName("submitted_time")] string SubmittedTime,
    [property: JsonPropertyName("subject_identities")] JsonElement SubjectIdentities,
    [property: JsonPropertyName("api_version")] string? ApiVersion,
    [property: JsonPropertyName("status_callback_urls")] IReadOnlyList<string>? StatusCallbackUrls,
    [property: JsonPropertyName("group_id")] string? GroupId,
    [property: JsonPropertyName("extensions")] JsonElement? Extensions);

/// <summary>A request's status (also the body of status callbacks and the submit answer's core).</summary>
internal sealed record DsrStatusSchema(
    [property: JsonPropertyName("controller_id")] string ControllerId,
    [property: JsonPropertyName("expected_completion_time")] string? ExpectedCompletionTime,
    [property: JsonPropertyName("subject_request_id")] string SubjectRequestId,
    [property: JsonPropertyName("group_id")] string? GroupId,
    [property: JsonPropertyName("request_status")] string RequestStatus,
    [property: JsonPropertyName("api_version")] string ApiVersion,
    [property: JsonPropertyName("results_url")] string? ResultsUrl,
    [property: JsonPropertyName("results_count")] int? ResultsCount,
    [property: JsonPropertyName("extensions")] JsonElement? Extensions);

/// <summary>An error of the DSR API: a code, a message and one entry per problem naming its field.</summary>
internal sealed record DsrErrorSchema(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errors")] IReadOnlyList<DsrErrorItemSchema> Errors);

internal sealed record DsrErrorItemSchema(
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("message")] string Message);
