using System.Text;
using Switchyard.Core.Delivery;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Compliance;

/// <summary>Dead letters keep their own copy of the inbox batch, and the inbox is pruned only below what is still needed.</summary>
public abstract partial class DeliveryStoreComplianceTests
{
    private StoredBatch Batch(long sequence, string json) =>
        new(sequence, "app", "req-" + sequence, Time.GetUtcNow().AddMinutes(-1), Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task A_dead_letter_keeps_the_batch_it_was_given_and_a_replay_carries_it_back_to_the_outbox()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, """{"seq":5}"""), Entry(Braze, 2, """{"sync":true}"""));
        var items = (await delivery.ClaimDueAsync(Braze, Now, 10, default));
        Assert.All(items, i => Assert.Null(i.Batch));
        var batch = Batch(5, """{"environment":"production"}""");

        await delivery.DeadLetterAsync(items[0].Id, "rejected", Now, batch, default);
        await delivery.DeadLetterAsync(items[1].Id, "rejected", Now, null, default);

        var letters = await delivery.DeadLettersAsync(Braze, 0, 10, default);
        Assert.Equal([true, false], letters.Select(l => l.KeepsBatch));
        // The listing carries the copy itself, so what a replay would send can be judged before replaying.
        Assert.Equal((5L, "app", (string?)"req-5", batch.ReceivedAt), (letters[0].Batch!.Sequence, letters[0].Batch!.FeedId, letters[0].Batch!.SourceRequestId, letters[0].Batch!.ReceivedAt));
        Assert.Equal(batch.Payload, letters[0].Batch!.Payload);
        Assert.Null(letters[1].Batch);
        Assert.True(await delivery.ReplayAsync(letters[0].Id, Now, default));
        Assert.True(await delivery.ReplayAsync(letters[1].Id, Now, default));
        var replayed = await delivery.ClaimDueAsync(Braze, Now, 10, default);
        var kept = replayed[0].Batch;
        Assert.NotNull(kept);
        Assert.Equal((5L, "app", (string?)"req-5", batch.ReceivedAt), (kept!.Sequence, kept.FeedId, kept.SourceRequestId, kept.ReceivedAt));
        Assert.Equal(batch.Payload, kept.Payload);
        Assert.Null(replayed[1].Batch);

        // Dead again: the item keeps the copy it carries, whatever the deliverer passes.
        await delivery.DeadLetterAsync(replayed[0].Id, "rejected again", Now, null, default);
        Assert.True(Assert.Single(await delivery.DeadLettersAsync(Braze, 0, 10, default)).KeepsBatch);
    }

    [Fact]
    public async Task The_lowest_inbox_sequence_needed_follows_the_checkpoint_and_queued_items_without_their_own_batch()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        Assert.Equal(1, await delivery.LowestInboxSequenceNeededAsync(default));

        using (var session = await store.BeginSessionAsync(default))
        {
            session.Enqueue(Entry(Braze, 1, """{"seq":40}"""));
            session.Enqueue(Entry(Other, 2, """{"seq":41}"""));
            session.Enqueue(Entry(Braze, 3, """{"sync":true}"""));
            session.SetCheckpoint(50);
            await session.CommitAsync(default);
        }

        Assert.Equal(40, await delivery.LowestInboxSequenceNeededAsync(default));

        var first = (await delivery.ClaimDueAsync(Braze, Now, 1, default))[0];
        await delivery.DeadLetterAsync(first.Id, "rejected", Now, Batch(40, "{}"), default);
        Assert.Equal(41, await delivery.LowestInboxSequenceNeededAsync(default));

        // A replay that carries its batch does not hold the inbox back; the other output's item does until it is delivered.
        await delivery.ReplayAsync((await delivery.DeadLettersAsync(Braze, 0, 10, default))[0].Id, Now, default);
        Assert.Equal(41, await delivery.LowestInboxSequenceNeededAsync(default));
        await delivery.AcknowledgeAsync([(await delivery.ClaimDueAsync(Other, Now, 10, default))[0].Id], default);
        Assert.Equal(51, await delivery.LowestInboxSequenceNeededAsync(default));
    }
}
