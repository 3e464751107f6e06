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
        var items = delivery.ClaimDue(Braze, Now, 10);
        delivery.Reschedule(items[0].Id, Now + 500, "timeout");
        delivery.DeadLetter(items[1].Id, "rejected", Now);
        delivery.Acknowledge([items[2].Id]);
        delivery.RecordSent(Braze, 1, new Dictionary<string, string?> { ["email"] = "h1" });
        delivery.RecordDelivered(Braze, ["e1"], Now);
        await store.DisposeAsync();

        var reopenedStore = await OpenAsync();
        var reopened = DeliveryOf(reopenedStore);

        var item = Assert.Single(reopened.ClaimDue(Braze, Now + 500, 10));
        Assert.Equal((items[0].Id, 1, "timeout"), (item.Id, item.Attempts, item.LastError));
        Assert.Equal(["dead"], reopened.DeadLetters(Braze, 0, 10).Select(l => l.Payload));
        Assert.Equal("h1", reopened.LastSent(Braze, 1)["email"]);
        Assert.True(reopened.WasDelivered(Braze, "e1"));

        // Ids keep growing after a restart, so order per user still holds.
        await Enqueue(reopenedStore, Entry(Braze, 1, "after restart"));
        Assert.True(reopened.ClaimDue(Braze, Now + 500, 10)[^1].Id > items[2].Id);
    }

    /// <remarks>
    /// Delivery calls run beside a processor session: reads see committed data only, and writes complete whether the
    /// provider lets them run at once or after the session's commit; both sides' writes are kept.
    /// </remarks>
    [Fact]
    public async Task Delivery_calls_beside_an_open_processor_session_complete_and_neither_loses_the_others_writes()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await Enqueue(store, Entry(Braze, 1, "committed"), Entry(Braze, 2, "to reschedule"));
        var committed = delivery.ClaimDue(Braze, Now, 10);

        var session = await store.BeginSessionAsync(default);
        Task deliveryWork;
        try
        {
            session.Enqueue(Entry(Braze, 3, "in session"));

            // Reads do not wait for the writer.
            Assert.Equal(["committed", "to reschedule"], Payloads(delivery.ClaimDue(Braze, Now, 10)));
            Assert.False(delivery.WasDelivered(Braze, "e1"));

            deliveryWork = Task.Run(() =>
            {
                delivery.Acknowledge([committed[0].Id]);
                delivery.Reschedule(committed[1].Id, Now, "503");
                delivery.RecordSent(Braze, 1, new Dictionary<string, string?> { ["email"] = "h1" });
                delivery.RecordDelivered(Braze, ["e1"], Now);
            });
            await Task.WhenAny(deliveryWork, Task.Delay(100));

            // Whether the writes wait for the session (one writer) or not, none fails and neither side loses the other's.
            await session.CommitAsync(default);
        }
        finally
        {
            session.Dispose();
        }

        await deliveryWork.WaitAsync(TimeSpan.FromSeconds(20));
        var items = delivery.ClaimDue(Braze, Now, 10);
        Assert.Equal(["to reschedule", "in session"], Payloads(items));
        Assert.Equal(1, items[0].Attempts);
        Assert.Equal("h1", delivery.LastSent(Braze, 1)["email"]);
        Assert.True(delivery.WasDelivered(Braze, "e1"));

        // And a session begun while delivery writes run gets the lock after them.
        using var next = await store.BeginSessionAsync(default);
        next.Enqueue(Entry(Braze, 4, "next"));
        await next.CommitAsync(default);
        Assert.Equal(3, delivery.CountQueued(Braze));
    }
}
