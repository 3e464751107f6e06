using System.Globalization;
using System.Text.Json;
using Switchyard.Core.Privacy;

namespace Switchyard.Privacy;

/// <summary>
/// The DSR API's bodies (https://docs.mparticle.com/developers/apis/dsr-api/v3/), written with
/// <see cref="Utf8JsonWriter"/>: the status object (also the callback body), the submit and cancel answers, discovery
/// and errors (<c>{code, message, errors:[{domain, reason, message}]}</c>, with the field named).
/// </summary>
internal static class DsrJson
{
    public const string ApiVersion = "3.0";

    public static byte[] Status(DsrRecord r, string? resultsUrl, IReadOnlyList<DsrDeletion> deletions) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("controller_id", r.FeedId);
        Time(w, "expected_completion_time", r.ExpectedCompletionTime);
        w.WriteString("subject_request_id", r.Id);
        w.WriteString("group_id", r.GroupId);
        w.WriteString("request_status", DsrWireNames.Of(r.Status));
        w.WriteString("api_version", ApiVersion);
        w.WriteString("results_url", r.Status == DsrStatus.Completed && r.Type != DsrRequestType.Erasure ? resultsUrl : null);
        if (r.ResultsCount is { } count)
        {
            w.WriteNumber("results_count", count);
        }

        if (r.Type == DsrRequestType.Erasure && deletions.Count > 0)
        {
            w.WriteStartObject("extensions");
            w.WriteStartObject(DsrSubmissionParser.ExtensionDomain);
            w.WriteStartArray("distribution_status");
            foreach (var output in deletions.GroupBy(d => d.OutputId, StringComparer.Ordinal))
            {
                var states = output.Select(d => d.State).ToList();
                var status = states.Contains("dead") ? "failed" : states.All(s => s == "sent") ? "sent" : "pending";
                w.WriteStartObject();
                w.WriteString("domain", "braze");
                w.WriteString("name", output.Key);
                w.WriteString("status", status);
                w.WriteString("status_message", output.Select(d => d.LastError).LastOrDefault(e => e is not null) is { } error && status != "sent" ? error : null);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("extensions");
        }

        w.WriteEndObject();
    });

    public static byte[] Submitted(DsrRecord r, ReadOnlySpan<byte> requestBody)
    {
        var encoded = Convert.ToBase64String(requestBody);
        return Write(w =>
        {
            w.WriteStartObject();
            Time(w, "expected_completion_time", r.ExpectedCompletionTime);
            Time(w, "received_time", r.ReceivedTime);
            w.WriteString("encoded_request", encoded);
            w.WriteString("subject_request_id", r.Id);
            w.WriteString("controller_id", r.FeedId);
            w.WriteEndObject();
        });
    }

    public static byte[] Cancelled(DsrRecord r, DateTimeOffset received) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNull("expected_completion_time");
        Time(w, "received_time", received);
        w.WriteString("subject_request_id", r.Id);
        w.WriteString("controller_id", r.FeedId);
        w.WriteEndObject();
    });

    public static byte[] Discovery(string certificateUrl) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("api_version", ApiVersion);
        w.WriteStartArray("supported_identities");
        foreach (var type in DsrIdentityTypes.Supported)
        {
            w.WriteStartObject();
            w.WriteString("identity_type", type);
            w.WriteString("identity_format", "raw");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("supported_subject_request_types");
        w.WriteStringValue("access");
        w.WriteStringValue("erasure");
        w.WriteStringValue("portability");
        w.WriteEndArray();
        w.WriteString("processor_certificate", certificateUrl);
        w.WriteEndObject();
    });

    public static byte[] Error(int code, string field, string reason, string message) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        w.WriteStartArray("errors");
        w.WriteStartObject();
        w.WriteString("domain", field);
        w.WriteString("reason", reason);
        w.WriteString("message", message);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] List(IEnumerable<byte[]> statuses)
    {
        using var stream = new MemoryStream();
        stream.WriteByte((byte)'[');
        var first = true;
        foreach (var status in statuses)
        {
            if (!first)
            {
                stream.WriteByte((byte)',');
            }

            first = false;
            stream.Write(status);
        }

        stream.WriteByte((byte)']');
        return stream.ToArray();
    }

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } t)
        {
            w.WriteString(name, t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
