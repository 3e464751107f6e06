using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Compliance;

/// <summary>
/// The behaviour every delivery store provider must show: the outbox written through the processor's session, claim
/// order with per-user ordering, retries, dead letters and replay, the last-sent ledger and delivered event ids.
/// Split by concern into partial files (outbox, dead letters, ledgers, durability and concurrency).
/// </summary>
public abstract partial class DeliveryStoreComplianceTests : IAsyncLifetime
{
    protected const string Braze = "braze-eu";
    protected const string Other = "braze-us";

    private readonly List<IProfileStore> _opened = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    protected long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Opens the provider's profile store. Called again after a dispose, it must see the same data.</summary>
    protected abstract Task<IProfileStore> OpenStoreAsync();

    /// <summary>The delivery store that shares the profile store's transactions; by default the same object.</summary>
    protected virtual IDeliveryStore DeliveryOf(IProfileStore store) => (IDeliveryStore)store;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_enqueued_item_is_claimable_only_after_the_session_commits()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);

        using (var session = await store.BeginSessionAsync(default))
        {
            session.Enqueue(new OutboxEntry(Braze, 7, """{"a":1}""", Now));
            Assert.Empty((await delivery.ClaimDueAsync(Braze, Now, 10, default)));
            Assert.Equal(0, (await delivery.CountQueuedAsync(Braze, default)));
            await session.CommitAsync(default);
        }

        var item = Assert.Single(await delivery.ClaimDueAsync(Braze, Now, 10, default));
        Assert.Equal((Braze, 7L, """{"a":1}""", 0, Now, Now, (string?)null),
            (item.OutputId, item.Mpid, item.Payload, item.Attempts, item.NextAttemptAtMs, item.CreatedAtMs, item.LastError));
    }

    [Fact]
    public async Task Items_of_a_session_disposed_without_commit_are_gone_with_its_other_writes()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);

        using (var session = await store.BeginSessionAsync(default))
        {
            session.Save(ProfileSamples.Minimal(7));
            session.Enqueue(new OutboxEntry(Braze, 7, "{}", Now));
        }

        Assert.Empty((await delivery.ClaimDueAsync(Braze, Now, 10, default)));
        Assert.Equal(0, (await delivery.CountQueuedAsync(Braze, default)));
        Assert.Null(await store.FindProfileAsync(7, CancellationToken.None));
    }

    [Fact]
    public async Task An_entry_without_an_output_is_refused_and_the_session_carries_on()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);

        using (var session = await store.BeginSessionAsync(default))
        {
            Assert.ThrowsAny<ArgumentException>(() => session.Enqueue(new OutboxEntry("", 7, "{}", Now)));
            session.Enqueue(Entry(Braze, 7, "kept"));
            await session.CommitAsync(default);
        }

        Assert.Equal(["kept"], Payloads(await delivery.ClaimDueAsync(Braze, Now, 10, default)));
    }

    [Fact]
    public async Task Due_items_are_claimed_oldest_first_up_to_the_limit_and_only_for_their_output()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "a"), Entry(Other, 1, "x"), Entry(Braze, 2, "b"));
        await Enqueue(store, Entry(Braze, 3, "c"), Entry(Braze, 1, "d"));

        Assert.Equal(["a", "b", "c"], Payloads(await delivery.ClaimDueAsync(Braze, Now, 3, default)));
        Assert.Equal(["a", "b", "c", "d"], Payloads(await delivery.ClaimDueAsync(Braze, Now, 10, default)));
        Assert.Equal(["x"], Payloads(await delivery.ClaimDueAsync(Other, Now, 10, default)));
        Assert.Empty(await delivery.ClaimDueAsync("unknown", Now, 10, default));

        var ids = (await delivery.ClaimDueAsync(Braze, Now, 10, default)).Select(i => i.Id).ToList();
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public async Task A_claim_for_some_partitions_returns_only_the_items_of_users_in_them_still_in_order_and_held_back_per_user()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        var count = store.PartitionCount;

        // Users 1..40 spread over the partitions; the claim asks for the partitions of the odd-numbered ones.
        var users = Enumerable.Range(1, 40).Select(u => (long)u).ToList();
        await Enqueue(store, [.. users.Select(u => Entry(Braze, u, "first-" + u))]);
        await Enqueue(store, [.. users.Select(u => Entry(Braze, u, "second-" + u))]);
        var wanted = users.Where(u => u % 2 == 1).Select(u => Core.Partitions.UserPartitions.OfMpid(u, count)).ToHashSet();
        var expected = users.Where(u => wanted.Contains(Core.Partitions.UserPartitions.OfMpid(u, count))).ToList();
        Assert.True(expected.Count < users.Count, "some users fall outside the wanted partitions");

        var claimed = await delivery.ClaimDueAsync(Braze, Now, 1_000, wanted, default);
        Assert.Equal([.. expected.Select(u => "first-" + u), .. expected.Select(u => "second-" + u)], Payloads(claimed));
        Assert.Equal(claimed.Select(i => i.Id).Order(), claimed.Select(i => i.Id));
        Assert.Equal(expected.Take(3).Select(u => "first-" + u), Payloads(await delivery.ClaimDueAsync(Braze, Now, 3, wanted, default)));
        Assert.Empty(await delivery.ClaimDueAsync(Braze, Now, 10, [], default));

        // A retry holds that user's later item back here too.
        await delivery.RescheduleAsync(claimed[0].Id, Now + 1_000, "503", default);
        Assert.DoesNotContain("second-" + expected[0], Payloads(await delivery.ClaimDueAsync(Braze, Now, 1_000, wanted, default)));
    }

    [Fact]
    public async Task Claiming_does_not_remove_or_change_an_item()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "a"));

        var first = await delivery.ClaimDueAsync(Braze, Now, 10, default);
        Assert.Equal(first, await delivery.ClaimDueAsync(Braze, Now, 10, default));
        Assert.Equal(1, await delivery.CountQueuedAsync(Braze, default));
    }

    [Fact]
    public async Task An_item_is_not_claimed_before_its_due_time()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "now"), new OutboxEntry(Braze, 2, "later", Now + 5_000));

        Assert.Equal(["now"], Payloads(await delivery.ClaimDueAsync(Braze, Now, 10, default)));
        Assert.Equal(["now"], Payloads(await delivery.ClaimDueAsync(Braze, Now + 4_999, 10, default)));
        Assert.Equal(["now", "later"], Payloads(await delivery.ClaimDueAsync(Braze, Now + 5_000, 10, default)));
    }

    [Fact]
    public async Task A_user_item_is_held_back_while_an_older_item_of_that_user_waits_for_its_retry()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "u1-first"), Entry(Braze, 2, "u2"), Entry(Braze, 1, "u1-second"), Entry(Other, 1, "other-u1"));
        var first = (await delivery.ClaimDueAsync(Braze, Now, 10, default))[0];

        await delivery.RescheduleAsync(first.Id, Now + 1_000, "503", default);

        // The other user, and the same user at another output, are not held back.
        Assert.Equal(["u2"], Payloads(await delivery.ClaimDueAsync(Braze, Now, 10, default)));
        Assert.Equal(["other-u1"], Payloads(await delivery.ClaimDueAsync(Other, Now, 10, default)));
        Assert.Equal(["u1-first", "u2", "u1-second"], Payloads(await delivery.ClaimDueAsync(Braze, Now + 1_000, 10, default)));
    }

    [Fact]
    public async Task Acknowledged_items_leave_the_outbox_and_acknowledging_again_is_harmless()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "a"), Entry(Braze, 2, "b"), Entry(Braze, 3, "c"));
        var items = (await delivery.ClaimDueAsync(Braze, Now, 10, default));

        await delivery.AcknowledgeAsync([items[0].Id, items[2].Id], default);
        await delivery.AcknowledgeAsync([items[0].Id], default);
        await delivery.AcknowledgeAsync([], default);

        Assert.Equal(["b"], Payloads(await delivery.ClaimDueAsync(Braze, Now, 10, default)));
        Assert.Equal(1, await delivery.CountQueuedAsync(Braze, default));
    }

    [Fact]
    public async Task Rescheduling_counts_the_attempt_keeps_the_error_and_moves_the_due_time()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "a"));
        var id = (await delivery.ClaimDueAsync(Braze, Now, 10, default))[0].Id;

        await delivery.RescheduleAsync(id, Now + 100, "timeout", default);
        await delivery.RescheduleAsync(id, Now + 300, "503 Service Unavailable", default);

        Assert.Empty(await delivery.ClaimDueAsync(Braze, Now + 299, 10, default));
        var item = Assert.Single(await delivery.ClaimDueAsync(Braze, Now + 300, 10, default));
        Assert.Equal((id, 2, Now + 300, "503 Service Unavailable", Now), (item.Id, item.Attempts, item.NextAttemptAtMs, item.LastError, item.CreatedAtMs));
        await Assert.ThrowsAsync<InvalidOperationException>(() => delivery.RescheduleAsync(id + 1_000, Now, "gone", default));
    }

    [Fact]
    public async Task Counts_are_per_output_and_include_items_not_yet_due()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "a"), new OutboxEntry(Braze, 2, "b", Now + 60_000), Entry(Other, 1, "c"));

        Assert.Equal(2, await delivery.CountQueuedAsync(Braze, default));
        Assert.Equal(1, await delivery.CountQueuedAsync(Other, default));
        Assert.Equal(0, await delivery.CountQueuedAsync("unknown", default));
    }

    [Fact]
    public async Task The_oldest_queued_item_of_each_output_is_the_first_one_committed_that_still_waits()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        Assert.Null(await delivery.OldestQueuedAtMsAsync(Braze, default));
        var first = Now;
        await Enqueue(store, Entry(Braze, 1, "{}"));
        Time.Advance(TimeSpan.FromSeconds(5));
        await Enqueue(store, Entry(Braze, 2, "{}"), Entry(Other, 3, "{}"));

        Assert.Equal(first, await delivery.OldestQueuedAtMsAsync(Braze, default));
        Assert.Equal(Now, await delivery.OldestQueuedAtMsAsync(Other, default));
        var claimed = await delivery.ClaimDueAsync(Braze, Now, 1, default);
        await delivery.AcknowledgeAsync([claimed[0].Id], default);
        Assert.Equal(Now, await delivery.OldestQueuedAtMsAsync(Braze, default));
    }

    protected async Task<IProfileStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }

    protected OutboxEntry Entry(string outputId, long mpid, string payload) => new(outputId, mpid, payload, Now);

    protected static async Task Enqueue(IProfileStore store, params OutboxEntry[] entries)
    {
        using var session = await store.BeginSessionAsync(default);
        foreach (var entry in entries)
        {
            session.Enqueue(entry);
        }

        await session.CommitAsync(default);
    }

    protected static List<string> Payloads(IEnumerable<OutboxItem> items) => [.. items.Select(i => i.Payload)];
}
