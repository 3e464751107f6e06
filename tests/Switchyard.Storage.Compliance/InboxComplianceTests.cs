using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Compliance;

/// <summary>
/// The behaviour every inbox provider must show. A provider's test class inherits this and says how to
/// open its store; the same tests then run against SQLite, PostgreSQL and any later provider.
/// </summary>
public abstract partial class InboxComplianceTests : IAsyncLifetime
{
    private readonly List<IInboxStore> _opened = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Opens the provider's store. Called again after a dispose, it must see the same data.</summary>
    protected abstract Task<IInboxStore> OpenStoreAsync(TimeSpan dedupeRetention);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Appended_batches_are_read_back_in_order_with_feed_request_id_time_and_payload()
    {
        var store = await OpenAsync();
        var result = await store.AppendAsync([Record("feed-a", "r1", "{\"n\":1}"), Record("feed-b", null, "{\"n\":2}")], default);

        Assert.Equal(2, result.StoredCount);
        var batches = await store.ReadAsync(0, 10, default);
        Assert.Equal(2, batches.Count);
        Assert.Equal(("feed-a", "r1", "{\"n\":1}"), (batches[0].FeedId, batches[0].SourceRequestId, Encoding.UTF8.GetString(batches[0].Payload)));
        Assert.Equal(("feed-b", (string?)null, "{\"n\":2}"), (batches[1].FeedId, batches[1].SourceRequestId, Encoding.UTF8.GetString(batches[1].Payload)));
        Assert.Equal(Time.GetUtcNow(), batches[0].ReceivedAt);
        Assert.Equal(result.Sequences[0], batches[0].Sequence);
        Assert.True(batches[1].Sequence > batches[0].Sequence);
    }

    [Fact]
    public async Task The_backlog_after_a_sequence_counts_the_later_batches_and_dates_the_oldest()
    {
        var store = await OpenAsync();
        Assert.Equal(new InboxBacklog(0, null), await store.ReadBacklogAsync(0, default));
        var first = await store.AppendAsync([Record("f", null, "{\"i\":0}")], default);
        var receivedFirst = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromSeconds(3));
        await store.AppendAsync([Record("f", null, "{\"i\":1}"), Record("f", null, "{\"i\":2}")], default);

        Assert.Equal(new InboxBacklog(3, receivedFirst), await store.ReadBacklogAsync(0, default));
        Assert.Equal(new InboxBacklog(2, Time.GetUtcNow()), await store.ReadBacklogAsync(first.Sequences[0]!.Value, default));
        var last = (await store.ReadAsync(0, 10, default))[^1].Sequence;
        Assert.Equal(new InboxBacklog(0, null), await store.ReadBacklogAsync(last, default));
    }

    [Fact]
    public async Task A_batch_marked_historical_reads_back_historical_and_the_others_do_not_also_after_reopening()
    {
        var store = await OpenAsync();
        await store.AppendAsync([Record("f", "live", "{\"n\":1}"), Record("f", "old", "{\"n\":2}") with { Historical = true }], default);
        await store.AppendAsync([Record("f", null, "{\"n\":3}")], default);
        await store.DisposeAsync();
        _opened.Remove(store);

        var reopened = await OpenAsync();
        var batches = await reopened.ReadAsync(0, 10, default);

        Assert.Equal([false, true, false], batches.Select(b => b.Historical));
    }

    [Fact]
    public async Task Sequences_grow_across_appends_and_reads_page_after_a_sequence()
    {
        var store = await OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync([Record("f", null, $"{{\"i\":{i}}}")], default);
        }

        var first = await store.ReadAsync(0, 2, default);
        var rest = await store.ReadAsync(first[^1].Sequence, 10, default);

        Assert.Equal(2, first.Count);
        Assert.Equal(3, rest.Count);
        Assert.Equal("{\"i\":4}", Encoding.UTF8.GetString(rest[^1].Payload));
        Assert.Empty(await store.ReadAsync(rest[^1].Sequence, 10, default));
    }

    [Fact]
    public async Task A_repeated_source_request_id_on_the_same_feed_is_accepted_but_not_stored_twice()
    {
        var store = await OpenAsync();
        var first = await store.AppendAsync([Record("f", "same", "{}")], default);
        var second = await store.AppendAsync([Record("f", "same", "{\"again\":true}")], default);

        Assert.NotNull(first.Sequences[0]);
        Assert.Null(second.Sequences[0]);
        Assert.Equal(1, second.DuplicateCount);
        Assert.Equal(1, await store.CountAsync(default));
    }

    [Fact]
    public async Task A_repeated_source_request_id_within_one_append_is_stored_once()
    {
        var store = await OpenAsync();
        var result = await store.AppendAsync([Record("f", "x", "{}"), Record("f", "x", "{}"), Record("f", "y", "{}")], default);

        Assert.NotNull(result.Sequences[0]);
        Assert.Null(result.Sequences[1]);
        Assert.NotNull(result.Sequences[2]);
        Assert.Equal(2, await store.CountAsync(default));
    }

    [Fact]
    public async Task The_same_source_request_id_on_another_feed_is_a_different_batch()
    {
        var store = await OpenAsync();
        await store.AppendAsync([Record("f1", "id", "{}")], default);
        var other = await store.AppendAsync([Record("f2", "id", "{}")], default);

        Assert.NotNull(other.Sequences[0]);
        Assert.Equal(2, await store.CountAsync(default));
    }

    [Fact]
    public async Task Batches_without_a_source_request_id_are_never_deduplicated()
    {
        var store = await OpenAsync();
        await store.AppendAsync([Record("f", null, "{}"), Record("f", null, "{}")], default);

        Assert.Equal(2, await store.CountAsync(default));
    }

    [Fact]
    public async Task A_source_request_id_is_stored_again_once_the_retention_window_has_passed()
    {
        var store = await OpenAsync(TimeSpan.FromDays(30));
        await store.AppendAsync([Record("f", "old", "{}")], default);
        Time.Advance(TimeSpan.FromDays(29));
        var within = await store.AppendAsync([Record("f", "old", "{}")], default);
        Time.Advance(TimeSpan.FromDays(2));
        var after = await store.AppendAsync([Record("f", "old", "{}")], default);

        Assert.Null(within.Sequences[0]);
        Assert.NotNull(after.Sequences[0]);
        Assert.Equal(2, await store.CountAsync(default));
    }

    [Fact]
    public async Task Pruning_forgets_only_dedupe_keys_older_than_the_retention()
    {
        // Pruned every 7 hours, as the host prunes (hourly) at least every quarter of the retention: a store that keeps
        // keys by generation has then closed the generation of "a" before "b" arrives.
        var store = await OpenAsync(TimeSpan.FromDays(1));
        await store.AppendAsync([Record("f", "a", "{}")], default);
        Time.Advance(TimeSpan.FromHours(7));
        Assert.Equal(0, await store.PruneDedupeKeysAsync(default));
        Time.Advance(TimeSpan.FromHours(7));
        Assert.Equal(0, await store.PruneDedupeKeysAsync(default));
        await store.AppendAsync([Record("f", "b", "{}")], default);
        Time.Advance(TimeSpan.FromHours(18));

        Assert.Equal(1, await store.PruneDedupeKeysAsync(default));
        Assert.Null((await store.AppendAsync([Record("f", "b", "{}")], default)).Sequences[0]);
        Assert.NotNull((await store.AppendAsync([Record("f", "a", "{}")], default)).Sequences[0]);
        Assert.Equal(3, await store.CountAsync(default));
    }

    [Fact]
    public async Task Concurrent_appends_are_all_stored_with_distinct_sequences()
    {
        var store = await OpenAsync();
        var appends = Enumerable.Range(0, 200)
            .Select(i => store.AppendAsync([Record("f", $"r{i}", $"{{\"i\":{i}}}"), Record("f", null, "{}")], default))
            .ToArray();
        var results = await Task.WhenAll(appends);

        var sequences = results.SelectMany(r => r.Sequences).ToList();
        Assert.All(sequences, s => Assert.NotNull(s));
        Assert.Equal(400, sequences.Distinct().Count());
        Assert.Equal(400, await store.CountAsync(default));
        Assert.Equal(400, (await store.ReadAsync(0, 1000, default)).Count);
    }

    [Fact]
    public async Task An_empty_append_stores_nothing()
    {
        var store = await OpenAsync();
        var result = await store.AppendAsync([], default);

        Assert.Empty(result.Sequences);
        Assert.Equal(0, await store.CountAsync(default));
    }

    [Fact]
    public async Task What_was_acknowledged_is_there_after_the_store_is_closed_and_opened_again()
    {
        var store = await OpenAsync();
        await store.AppendAsync([Record("f", "kept", "{\"k\":1}")], default);
        await store.DisposeAsync();
        _opened.Remove(store);

        var reopened = await OpenAsync();
        var batches = await reopened.ReadAsync(0, 10, default);

        Assert.Single(batches);
        Assert.Equal("{\"k\":1}", Encoding.UTF8.GetString(batches[0].Payload));
        Assert.Null((await reopened.AppendAsync([Record("f", "kept", "{}")], default)).Sequences[0]);
    }

    [Fact]
    public async Task Appending_after_dispose_fails_loudly()
    {
        var store = await OpenAsync();
        await store.DisposeAsync();
        _opened.Remove(store);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendAsync([Record("f", null, "{}")], default));
    }

    [Fact]
    public async Task An_append_cancelled_before_it_is_queued_stores_nothing()
    {
        var store = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendAsync([Record("f", "c", "{}")], cancelled.Token));
        Assert.Equal(0, await store.CountAsync(default));
    }

    [Fact]
    public async Task A_redelivered_braze_batch_is_accepted_but_not_stored_twice()
    {
        var store = await OpenAsync();
        var first = await store.AppendAsync([Currents("braze", "ev-1")], default);
        var again = await store.AppendAsync([Currents("braze", "ev-1")], default);

        Assert.NotNull(first.Sequences[0]);
        Assert.Null(again.Sequences[0]);
        Assert.Equal((1, 1, 0), (again.MessageDuplicateCount, again.DroppedEventCount, again.RequestDuplicateCount));
        Assert.Equal(1, await store.CountAsync(default));
    }

    [Fact]
    public async Task A_partly_repeated_batch_is_stored_with_only_its_new_events_and_every_other_field_as_sent()
    {
        var store = await OpenAsync();
        await store.AppendAsync([Currents("braze", "ev-1")], default);
        var json = """
            {"environment":"production", "user_identities":{"customerid":"u\u00e9"},"events":[
              {"event_type":"custom_event","data":{"event_name":"Push Notification Open","custom_event_type":"other","source_message_id":"ev-1"}},
              {"event_type":"uninstall","data":{"source_message_id":"ev-2"}},
              {"event_type":"custom_event","data":{"event_name":"No id","custom_event_type":"other"}}],
             "user_attributes":{"n":1.50}}
            """;
        var result = await store.AppendAsync([Record("braze", null, json) with { MessageIds = ["ev-1", "ev-2", null] }], default);

        Assert.NotNull(result.Sequences[0]);
        Assert.Equal(1, result.DroppedEventsAt(0));
        var stored = Encoding.UTF8.GetString((await store.ReadAsync(result.Sequences[0]!.Value - 1, 1, default))[0].Payload);
        Assert.Equal(
            """{"environment":"production","user_identities":{"customerid":"u\u00e9"},"events":[{"event_type":"uninstall","data":{"source_message_id":"ev-2"}},"""
            + """{"event_type":"custom_event","data":{"event_name":"No id","custom_event_type":"other"}}],"user_attributes":{"n":1.50}}""",
            stored);
    }

    [Fact]
    public async Task A_batch_whose_events_are_all_new_is_stored_byte_for_byte()
    {
        var store = await OpenAsync();
        var json = """{ "events" : [ {"event_type":"uninstall","data":{"source_message_id":"a"}} ] , "environment":"production" }""";
        await store.AppendAsync([Record("braze", null, json) with { MessageIds = ["a"] }], default);

        Assert.Equal(json, Encoding.UTF8.GetString((await store.ReadAsync(0, 1, default))[0].Payload));
    }

    [Fact]
    public async Task The_same_message_id_on_two_feeds_is_stored_on_both()
    {
        var store = await OpenAsync();
        var result = await store.AppendAsync([Currents("braze-ios", "ev-1"), Currents("braze-web", "ev-1")], default);

        Assert.All(result.Sequences, s => Assert.NotNull(s));
        Assert.Equal(2, await store.CountAsync(default));
    }

    [Fact]
    public async Task A_message_id_and_a_source_request_id_with_the_same_text_do_not_collide()
    {
        var store = await OpenAsync();
        await store.AppendAsync([Record("braze", "same", "{}")], default);
        var result = await store.AppendAsync([Currents("braze", "same")], default);

        Assert.NotNull(result.Sequences[0]);
    }

    [Fact]
    public async Task A_message_id_repeated_within_one_append_is_stored_once()
    {
        var store = await OpenAsync();
        var json = """{"events":[{"event_type":"uninstall","data":{"source_message_id":"x"}},{"event_type":"uninstall","data":{"source_message_id":"x"}}]}""";
        var result = await store.AppendAsync([Currents("braze", "x"), Currents("braze", "x"), Record("braze", null, json) with { MessageIds = ["y", "y"] }], default);

        Assert.NotNull(result.Sequences[0]);
        Assert.Null(result.Sequences[1]);
        Assert.NotNull(result.Sequences[2]);
        Assert.Equal(1, result.DroppedEventsAt(2));
        var stored = await store.ReadAsync(0, 10, default);
        Assert.Equal(2, stored.Count);
        Assert.Equal("""{"events":[{"event_type":"uninstall","data":{"source_message_id":"x"}}]}""", Encoding.UTF8.GetString(stored[1].Payload));
    }

    [Fact]
    public async Task A_message_id_older_than_the_retention_is_accepted_again_after_pruning()
    {
        var store = await OpenAsync(TimeSpan.FromDays(30));
        await store.AppendAsync([Currents("braze", "old")], default);
        Time.Advance(TimeSpan.FromDays(29));
        var within = await store.AppendAsync([Currents("braze", "old")], default);
        Time.Advance(TimeSpan.FromDays(2));

        // Whether this prune drops the key depends on the store's grain (IInboxStore.PruneDedupeKeysAsync); either way
        // the expired id is accepted.
        await store.PruneDedupeKeysAsync(default);
        var after = await store.AppendAsync([Currents("braze", "old")], default);

        Assert.Null(within.Sequences[0]);
        Assert.NotNull(after.Sequences[0]);
        Assert.Equal(2, await store.CountAsync(default));
    }

    [Fact]
    public async Task Records_without_message_ids_are_never_deduplicated_by_their_events()
    {
        var store = await OpenAsync();
        var json = """{"events":[{"event_type":"uninstall","data":{"source_message_id":"m"}}]}""";
        await store.AppendAsync([Record("events", null, json), Record("events", null, json)], default);

        Assert.Equal(2, await store.CountAsync(default));
    }

    [Fact]
    public async Task A_repeated_source_request_id_claims_none_of_its_message_ids()
    {
        var store = await OpenAsync();
        await store.AppendAsync([Record("braze", "r", "{}")], default);
        var repeat = await store.AppendAsync([Currents("braze", "ev-9") with { SourceRequestId = "r" }], default);
        var fresh = await store.AppendAsync([Currents("braze", "ev-9")], default);

        Assert.Null(repeat.Sequences[0]);
        Assert.Equal(1, repeat.RequestDuplicateCount);
        Assert.NotNull(fresh.Sequences[0]);
    }

    [Fact]
    public async Task An_append_that_fails_leaves_none_of_its_message_ids_claimed()
    {
        var store = await OpenAsync();
        // The second record repeats one of the first's ids, so its payload must be rewritten, and it is not a batch object.
        var failing = Record("braze", null, "[1]") with { MessageIds = ["ev-1", "ev-2"] };

        await Assert.ThrowsAnyAsync<Exception>(() => store.AppendAsync([Currents("braze", "ev-1"), failing], default));
        var retried = await store.AppendAsync([Currents("braze", "ev-1")], default);

        Assert.NotNull(retried.Sequences[0]);
        Assert.Equal(1, await store.CountAsync(default));
        Assert.NotNull((await store.AppendAsync([Currents("braze", "ev-2")], default)).Sequences[0]);
    }

    [Fact]
    public async Task An_append_that_fails_does_not_fail_the_appends_queued_beside_it()
    {
        var store = await OpenAsync();
        await store.AppendAsync([Currents("braze", "seen")], default);
        var appends = new List<Task<InboxAppendResult>>();
        for (var i = 0; i < 200; i++)
        {
            // Every other append repeats an id on a payload that cannot be rewritten; the rest are fine.
            appends.Add(i % 2 == 0
                ? store.AppendAsync([Record("braze", null, "[1]") with { MessageIds = ["seen", $"ev-{i}"] }], default)
                : store.AppendAsync([Currents("braze", $"ev-{i}")], default));
        }

        var outcomes = await Task.WhenAll(appends.Select(a => a.ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default)));

        Assert.All(outcomes.Where((_, i) => i % 2 == 0), Assert.False);
        Assert.All(outcomes.Where((_, i) => i % 2 == 1), Assert.True);
        Assert.Equal(101, await store.CountAsync(default));
    }

    /// <summary>A batch as Braze Currents sends it: one event, its Braze event id as source_message_id (reference/mparticle.md §5).</summary>
    protected static InboxRecord Currents(string feed, string messageId) =>
        Record(feed, null, $$$"""
            {"environment":"production","schema_version":2,"user_identities":{"customerid":"u-1"},
             "events":[{"event_type":"custom_event","data":{"event_name":"Push Notification Open","custom_event_type":"other","source_message_id":"{{{messageId}}}"}}]}
            """) with { MessageIds = [messageId] };

    protected static InboxRecord Record(string feed, string? requestId, string json) =>
        new(feed, requestId, Encoding.UTF8.GetBytes(json));

    private async Task<IInboxStore> OpenAsync(TimeSpan? retention = null)
    {
        var store = await OpenStoreAsync(retention ?? TimeSpan.FromDays(30));
        _opened.Add(store);
        return store;
    }
}
