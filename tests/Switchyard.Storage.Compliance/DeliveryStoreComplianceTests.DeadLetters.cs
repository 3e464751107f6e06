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
        var bad = delivery.ClaimDue(Braze, Now, 10)[0];
        delivery.Reschedule(bad.Id, Now, "500");

        delivery.DeadLetter(bad.Id, "400 invalid external_id", Now + 10);

        Assert.Equal(["good"], Payloads(delivery.ClaimDue(Braze, Now, 10)));
        var letter = Assert.Single(delivery.DeadLetters(Braze, 0, 10));
        Assert.Equal((Braze, 1L, "bad", "400 invalid external_id", 1, Now + 10),
            (letter.OutputId, letter.Mpid, letter.Payload, letter.Reason, letter.Attempts, letter.DeadAtMs));
        Assert.Throws<InvalidOperationException>(() => delivery.DeadLetter(bad.Id, "again", Now));
        Assert.Single(delivery.DeadLetters(null, 0, 10));
    }

    [Fact]
    public async Task Dead_letters_are_listed_in_order_page_by_page_for_one_output_or_all()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "b1"), Entry(Other, 1, "o1"), Entry(Braze, 2, "b2"), Entry(Braze, 3, "b3"));
        foreach (var item in delivery.ClaimDue(Braze, Now, 10).Concat(delivery.ClaimDue(Other, Now, 10)).OrderBy(i => i.Id))
        {
            delivery.DeadLetter(item.Id, "rejected", Now);
        }

        var firstPage = delivery.DeadLetters(Braze, 0, 2);
        Assert.Equal(["b1", "b2"], firstPage.Select(l => l.Payload));
        Assert.Equal(["b3"], delivery.DeadLetters(Braze, firstPage[^1].Id, 2).Select(l => l.Payload));
        Assert.Empty(delivery.DeadLetters(Braze, delivery.DeadLetters(Braze, 0, 10)[^1].Id, 2));
        Assert.Equal(["o1"], delivery.DeadLetters(Other, 0, 10).Select(l => l.Payload));
        Assert.Equal(["b1", "o1", "b2", "b3"], delivery.DeadLetters(null, 0, 10).Select(l => l.Payload));
        Assert.Equal(0, delivery.CountQueued(Braze));
    }

    [Fact]
    public async Task A_replayed_dead_letter_queues_as_a_fresh_item_after_the_users_existing_items()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "dead"));
        var dead = delivery.ClaimDue(Braze, Now, 10)[0];
        delivery.Reschedule(dead.Id, Now, "500");
        delivery.DeadLetter(dead.Id, "rejected", Now);
        await Enqueue(store, Entry(Braze, 1, "newer"), Entry(Braze, 2, "other user"));
        var letter = delivery.DeadLetters(Braze, 0, 10)[0];
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(delivery.Replay(letter.Id, Now));

        Assert.Empty(delivery.DeadLetters(null, 0, 10));
        var items = delivery.ClaimDue(Braze, Now, 10);
        Assert.Equal(["newer", "other user", "dead"], Payloads(items));
        var replayed = items[^1];
        Assert.Equal((0, Now, (string?)null), (replayed.Attempts, replayed.NextAttemptAtMs, replayed.LastError));
        Assert.True(replayed.Id > dead.Id);
        Assert.False(delivery.Replay(letter.Id, Now));
        Assert.False(delivery.Replay(letter.Id + 1_000, Now));
    }

    [Fact]
    public async Task A_replayed_item_waits_behind_a_retry_pending_for_its_user()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "dead"), Entry(Braze, 1, "retrying"));
        var items = delivery.ClaimDue(Braze, Now, 10);
        delivery.DeadLetter(items[0].Id, "rejected", Now);
        delivery.Reschedule(items[1].Id, Now + 1_000, "429");

        Assert.True(delivery.Replay(delivery.DeadLetters(Braze, 0, 1)[0].Id, Now));

        Assert.Empty(delivery.ClaimDue(Braze, Now, 10));
        Assert.Equal(["retrying", "dead"], Payloads(delivery.ClaimDue(Braze, Now + 1_000, 10)));
    }
}
