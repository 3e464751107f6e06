using Switchyard.Core.Delivery;

namespace Switchyard.Storage.Compliance;

public abstract partial class DeliveryStoreComplianceTests
{
    [Fact]
    public async Task A_dead_lettered_item_leaves_the_outbox_and_is_listed_with_its_reason_and_attempts()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "bad"), Entry(Braze, 2, "good"));
        var bad = (await delivery.ClaimDueAsync(Braze, Now, 10, default))[0];
        await delivery.RescheduleAsync(bad.Id, Now, "500", default);

        await delivery.DeadLetterAsync(bad.Id, "400 invalid external_id", Now + 10, null, default);

        Assert.Equal(["good"], Payloads(await delivery.ClaimDueAsync(Braze, Now, 10, default)));
        var letter = Assert.Single(await delivery.DeadLettersAsync(Braze, 0, 10, default));
        Assert.Equal((Braze, 1L, "bad", "400 invalid external_id", 1, Now + 10),
            (letter.OutputId, letter.Mpid, letter.Payload, letter.Reason, letter.Attempts, letter.DeadAtMs));
        await Assert.ThrowsAsync<InvalidOperationException>(() => delivery.DeadLetterAsync(bad.Id, "again", Now, null, default));
        Assert.Single(await delivery.DeadLettersAsync(null, 0, 10, default));
    }

    [Fact]
    public async Task Dead_letters_are_listed_in_order_page_by_page_for_one_output_or_all()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "b1"), Entry(Other, 1, "o1"), Entry(Braze, 2, "b2"), Entry(Braze, 3, "b3"));
        foreach (var item in (await delivery.ClaimDueAsync(Braze, Now, 10, default)).Concat((await delivery.ClaimDueAsync(Other, Now, 10, default))).OrderBy(i => i.Id))
        {
            await delivery.DeadLetterAsync(item.Id, "rejected", Now, null, default);
        }

        var firstPage = await delivery.DeadLettersAsync(Braze, 0, 2, default);
        Assert.Equal(["b1", "b2"], firstPage.Select(l => l.Payload));
        Assert.Equal(["b3"], (await delivery.DeadLettersAsync(Braze, firstPage[^1].Id, 2, default)).Select(l => l.Payload));
        Assert.Empty(await delivery.DeadLettersAsync(Braze, (await delivery.DeadLettersAsync(Braze, 0, 10, default))[^1].Id, 2, default));
        Assert.Equal(["o1"], (await delivery.DeadLettersAsync(Other, 0, 10, default)).Select(l => l.Payload));
        Assert.Equal(["b1", "o1", "b2", "b3"], (await delivery.DeadLettersAsync(null, 0, 10, default)).Select(l => l.Payload));
        Assert.Equal(0, await delivery.CountQueuedAsync(Braze, default));
    }

    [Fact]
    public async Task A_replayed_dead_letter_queues_as_a_fresh_item_after_the_users_existing_items()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "dead"));
        var dead = (await delivery.ClaimDueAsync(Braze, Now, 10, default))[0];
        await delivery.RescheduleAsync(dead.Id, Now, "500", default);
        await delivery.DeadLetterAsync(dead.Id, "rejected", Now, null, default);
        await Enqueue(store, Entry(Braze, 1, "newer"), Entry(Braze, 2, "other user"));
        var letter = (await delivery.DeadLettersAsync(Braze, 0, 10, default))[0];
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await delivery.ReplayAsync(letter.Id, Now, default));

        Assert.Empty(await delivery.DeadLettersAsync(null, 0, 10, default));
        var items = await delivery.ClaimDueAsync(Braze, Now, 10, default);
        Assert.Equal(["newer", "other user", "dead"], Payloads(items));
        var replayed = items[^1];
        Assert.Equal((0, Now, (string?)null), (replayed.Attempts, replayed.NextAttemptAtMs, replayed.LastError));
        Assert.True(replayed.Id > dead.Id);
        Assert.False(await delivery.ReplayAsync(letter.Id, Now, default));
        Assert.False(await delivery.ReplayAsync(letter.Id + 1_000, Now, default));
    }

    [Fact]
    public async Task A_replayed_item_waits_behind_a_retry_pending_for_its_user()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "dead"), Entry(Braze, 1, "retrying"));
        var items = (await delivery.ClaimDueAsync(Braze, Now, 10, default));
        await delivery.DeadLetterAsync(items[0].Id, "rejected", Now, null, default);
        await delivery.RescheduleAsync(items[1].Id, Now + 1_000, "429", default);

        Assert.True(await delivery.ReplayAsync((await delivery.DeadLettersAsync(Braze, 0, 1, default))[0].Id, Now, default));

        Assert.Empty(await delivery.ClaimDueAsync(Braze, Now, 10, default));
        Assert.Equal(["retrying", "dead"], Payloads(await delivery.ClaimDueAsync(Braze, Now + 1_000, 10, default)));
    }
}
