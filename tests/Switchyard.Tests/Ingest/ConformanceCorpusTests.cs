using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Conformance;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Ingest;

/// <summary>
/// The conformance corpus (tests/Shared/Conformance) end to end: every batch of the documented Events API schema is
/// accepted, stored, processed onto its user's profile, and what maps to Braze reaches the sandbox.
/// </summary>
public sealed class ConformanceCorpusTests : IAsyncLifetime
{
    private const string RestKey = "conformance-rest-key-0123456789";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private BrazeSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await BrazeSandbox.StartAsync(RestKey);

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Every_batch_of_the_corpus_is_accepted_stored_processed_and_mapped_to_braze()
    {
        await using var service = await TestService.StartAsync(Workspace());
        var nowMs = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var cases = ConformanceCorpus.Cases(nowMs);
        var bulk = "[" + string.Join(",", cases.Select(c => ConformanceCorpus.BatchJson(c, nowMs))) + "]";

        using (var posted = await service.PostAsync("/v2/bulkevents", bulk))
        {
            // A 202 with an empty body: no batch was refused (a partly refused request carries a report).
            Assert.Equal((HttpStatusCode.Accepted, ""), (posted.StatusCode, await posted.Content.ReadAsStringAsync()));
        }

        var processing = await WaitForAdminAsync(service, "/admin/processing", p => (long)p["processed_batches"]! >= cases.Count, "every batch processed");
        Assert.Equal(
            (cases.Count, cases.Count, 0L, 0L),
            ((long)processing["inbox_batches"]!, (long)processing["processed_batches"]!, (long)processing["unreadable_batches"]!, (long)processing["failed_batches"]!));

        foreach (var c in cases)
        {
            var profile = await WaitForAdminAsync(service, $"/admin/profiles?identity=customer_id&value={c.CustomerId}", _ => true, $"{c.Name}'s profile");
            Assert.Equal(c.Name, (string?)profile["attributes"]!["corpus"]);
        }

        await WaitForAdminAsync(service, "/admin/outputs/braze", o => (long)o["queued"]! == 0, "the Braze output's queue drained");
        var deadLetters = await WaitForAdminAsync(service, "/admin/dead-letters?output=braze", _ => true, "the dead letters");
        Assert.Empty(deadLetters["dead_letters"]!.AsArray());

        foreach (var c in cases)
        {
            var user = await _sandbox.ExportAsync(RestKey, c.CustomerId, "custom_attributes", "custom_events", "purchases", "push_tokens", "email_subscribe");
            Assert.True(user is not null, $"{c.Name}: the user is not in Braze");
            Assert.Equal(c.Name, (string?)user["custom_attributes"]!["corpus"]);
            var events = Names(user["custom_events"]);
            var purchases = user["purchases"] is JsonArray bought ? bought.Select(p => (string)p!["name"]!).Order(StringComparer.Ordinal).ToList() : [];
            Assert.True((c.Events ?? []).Order(StringComparer.Ordinal).SequenceEqual(events),
                $"{c.Name}: expected events [{string.Join(", ", c.Events ?? [])}], Braze has [{string.Join(", ", events)}]");
            Assert.True((c.Purchases ?? []).SequenceEqual(purchases), $"{c.Name}: Braze has purchases [{string.Join(", ", purchases)}]");
            if (c.Attribute is { } attribute)
            {
                Assert.Equal(attribute.Value, (string?)user["custom_attributes"]![attribute.Name]);
            }

            if (c.EmailSubscribe is { } state)
            {
                Assert.Equal(state, (string?)user["email_subscribe"]);
            }

            if (c.PushToken is { } token)
            {
                Assert.Contains(user["push_tokens"]!.AsArray(), t => (string?)t!["token"] == token);
            }
        }
    }

    private static List<string> Names(JsonNode? events) =>
        events is JsonArray list ? [.. list.Select(e => (string)e!["name"]!).Order(StringComparer.Ordinal)] : [];

    private Workspace Workspace()
    {
        var settings = $$"""{"restApiKey":"{{RestKey}}","instance":"Custom","customRestEndpoint":"{{_sandbox.Endpoint}}",{{ConformanceCorpus.OutputFields}}}""";
        return new([TestService.Feed("app")])
        {
            Outputs = [new OutputDefinition("braze", OutputTypes.Braze, settings)],
            Connections = [new Connection("app", "braze")],
        };
    }

    private static async Task<JsonNode> WaitForAdminAsync(TestService service, string path, Func<JsonNode, bool> ready, string what)
    {
        JsonNode? last = null;
        await Eventually.HoldsAsync(async () =>
        {
            using var response = await service.AdminAsync(HttpMethod.Get, path);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            last = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return ready(last);
        }, Patience, what);
        return last!;
    }
}
