using Switchyard.Core.Delivery;

namespace Switchyard.Storage.Compliance;

public abstract partial class DeliveryStoreComplianceTests
{
    [Fact]
    public async Task Outbox_dead_letters_and_ledgers_survive_closing_and_opening_the_store()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "retrying"), Entry(Braze, 2, "dead"), Entry(Braze, 3, "delivered"));
        var items = await delivery.ClaimDueAsync(Braze, Now, 10, default);
        await delivery.RescheduleAsync(items[0].Id, Now + 500, "timeout", default);
        await delivery.DeadLetterAsync(items[1].Id, "rejected", Now, null, default);
        await delivery.AcknowledgeAsync([items[2].Id], default);
        await delivery.RecordSentAsync(Braze, 1, new Dictionary<string, string?> { ["email"] = "h1" }, default);
        await delivery.RecordDeliveredAsync(Braze, ["e1"], Now, default);
        await store.DisposeAsync();

        var reopenedStore = await OpenAsync();
        var reopened = DeliveryOf(reopenedStore);

        var item = Assert.Single(await reopened.ClaimDueAsync(Braze, Now + 500, 10, default));
        Assert.Equal((items[0].Id, 1, "timeout"), (item.Id, item.Attempts, item.LastError));
        Assert.Equal(["dead"], (await reopened.DeadLettersAsync(Braze, 0, 10, default)).Select(l => l.Payload));
        Assert.Equal("h1", (await reopened.LastSentAsync(Braze, 1, default))["email"]);
        Assert.True(await reopened.WasDeliveredAsync(Braze, "e1", default));

        // Ids keep growing after a restart, so order per user still holds.
        await Enqueue(reopenedStore, Entry(Braze, 1, "after restart"));
        Assert.True((await reopened.ClaimDueAsync(Braze, Now + 500, 10, default))[^1].Id > items[2].Id);
    }

    /// <remarks>
    /// The contract states outcomes, not locking: a delivery write made while a processor session is open is complete
    /// and durable once both have finished, and neither loses the other's writes. Whether the write waits for the
    /// session (SQLite) or runs beside it is the provider's business. Reads beside the session see committed data only.
    /// </remarks>
    [Fact]
    public async Task Delivery_writes_made_while_a_processor_session_is_open_are_complete_and_durable_once_both_finish()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "committed"), Entry(Braze, 2, "to reschedule"));
        var committed = await delivery.ClaimDueAsync(Braze, Now, 10, default);

        var session = await store.BeginSessionAsync(default);
        Task deliveryWork;
        try
        {
            session.Enqueue(Entry(Braze, 3, "in session"));

            // Reads beside the open session see committed data only.
            Assert.Equal(["committed", "to reschedule"], Payloads(await delivery.ClaimDueAsync(Braze, Now, 10, default)));
            Assert.False(await delivery.WasDeliveredAsync(Braze, "e1", default));

            // Started from another task: a provider may make them wait for the session, and the session's own thread
            // must not wait for them.
            deliveryWork = Task.Run(async () =>
            {
                await delivery.AcknowledgeAsync([committed[0].Id], default);
                await delivery.RescheduleAsync(committed[1].Id, Now, "503", default);
                await delivery.RecordSentAsync(Braze, 1, new Dictionary<string, string?> { ["email"] = "h1" }, default);
                await delivery.RecordDeliveredAsync(Braze, ["e1"], Now, default);
            });
            session.Enqueue(Entry(Braze, 4, "also in session"));
            await session.CommitAsync(default);
        }
        finally
        {
            session.Dispose();
        }

        await deliveryWork.WaitAsync(TimeSpan.FromSeconds(20));

        // Both sides' writes are there, whichever finished first, and they survive closing and opening the store.
        await store.DisposeAsync();
        var reopened = DeliveryOf(await OpenAsync());
        var items = await reopened.ClaimDueAsync(Braze, Now, 10, default);
        Assert.Equal(["to reschedule", "in session", "also in session"], Payloads(items));
        Assert.Equal((1, "503"), (items[0].Attempts, items[0].LastError));
        Assert.Equal("h1", (await reopened.LastSentAsync(Braze, 1, default))["email"]);
        Assert.True(await reopened.WasDeliveredAsync(Braze, "e1", default));
        Assert.Equal(3, await reopened.CountQueuedAsync(Braze, default));
    }

    [Fact]
    public async Task A_call_cancelled_before_it_starts_changes_nothing()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "queued"));
        var item = Assert.Single(await delivery.ClaimDueAsync(Braze, Now, 10, default));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivery.AcknowledgeAsync([item.Id], cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivery.RecordDeliveredAsync(Braze, ["e1"], Now, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivery.ClaimDueAsync(Braze, Now, 10, cancelled.Token));

        Assert.Equal(1, await delivery.CountQueuedAsync(Braze, default));
        Assert.False(await delivery.WasDeliveredAsync(Braze, "e1", default));
    }
}
