using System.Text;
using System.Text.Json;
using Switchyard.Core.Privacy;

namespace Switchyard.Privacy;

/// <summary>
/// Access and portability: everything held about the subject, as one JSON document: per profile its document
/// (identities, attributes, consent, device, push tokens, event history), identity links, memberships, membership log,
/// ledgers and queued item counts; and the subject's raw batches still in the inbox, exactly as received.
/// </summary>
internal sealed partial class DsrWorker
{
    private async Task<DsrRecord?> CollectAsync(DsrRecord r, CancellationToken cancellationToken)
    {
        var (subject, holdings) = await ResolveAsync(r, cancellationToken).ConfigureAwait(false);

        var batches = new List<Core.Storage.StoredBatch>();
        for (var after = 0L; ;)
        {
            var page = await inbox.ReadAsync(after, 500, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            batches.AddRange(page.Where(b => BatchOwnership.Belongs(b.Payload, subject)));
            after = page[^1].Sequence;
        }

        var result = Encoding.UTF8.GetString(DsrJson.Write(w => WriteResult(w, r, holdings, batches)));
        var now = time.GetUtcNow();
        return await MoveAsync(
            r,
            r with { Status = DsrStatus.Completed, Stage = DsrStages.Done, Subject = null, CompletedTime = now, ExpectedCompletionTime = now, ResultsCount = holdings.Count },
            cancellationToken,
            result: result).ConfigureAwait(false);
    }

    private static void WriteResult(Utf8JsonWriter w, DsrRecord r, List<SubjectHoldings> holdings, List<Core.Storage.StoredBatch> batches)
    {
        w.WriteStartObject();
        w.WriteString("subject_request_id", r.Id);
        w.WriteString("subject_request_type", DsrWireNames.Of(r.Type));
        w.WriteStartArray("profiles");
        foreach (var held in holdings)
        {
            w.WriteStartObject();
            w.WriteNumber("mpid", held.Profile.Mpid);
            w.WritePropertyName("profile");
            JsonSerializer.Serialize(w, held.Profile, DsrResultJsonContext.Default.Profile);
            w.WriteStartArray("identity_links");
            foreach (var (key, value) in held.IdentityLinks)
            {
                w.WriteStartObject();
                w.WriteString("key", key);
                w.WriteString("value", value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("audiences");
            foreach (var audience in held.Audiences)
            {
                w.WriteNumberValue(audience);
            }

            w.WriteEndArray();
            w.WriteStartArray("membership_log");
            foreach (var change in held.MembershipLog)
            {
                w.WriteStartObject();
                w.WriteNumber("audience_id", change.AudienceId);
                w.WriteString("action", change.Action.ToString().ToLowerInvariant());
                w.WriteNumber("at_ms", change.AtMs);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("ledgers");
            foreach (var entry in held.Ledgers)
            {
                w.WriteStartObject();
                w.WriteString("output", entry.OutputId);
                w.WriteString("field", entry.Field);
                w.WriteString("value", entry.Value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("queued_items", held.QueuedItems);
            w.WriteNumber("dead_letters", held.DeadLetters);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("batches");
        foreach (var batch in batches)
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", batch.Sequence);
            w.WriteString("feed", batch.FeedId);
            w.WriteString("received_at", batch.ReceivedAt);
            w.WritePropertyName("batch");
            using var document = JsonDocument.Parse(batch.Payload);
            document.WriteTo(w);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Core.Profiles.Profile))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
internal sealed partial class DsrResultJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
