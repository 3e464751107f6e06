using Switchyard.Core.Delivery;

namespace Switchyard.Storage.Compliance;

public abstract partial class DeliveryStoreComplianceTests
{
    [Fact]
    public async Task Outbox_dead_letters_and_ledgers_survive_closing_and_opening_the_store()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        Enqueue(store, Entry(Braze, 1, "retrying"), Entry(Braze, 2, "dead"), Entry(Braze, 3, "delivered"));
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
        Enqueue(reopenedStore, Entry(Braze, 1, "after restart"));
        Assert.True(reopened.ClaimDue(Braze, Now + 500, 10)[^1].Id > items[2].Id);
    }

    /// <remarks>
    /// The processor's session holds the store's write lock until it commits. Delivery reads run beside it and see
    /// committed data only; delivery writes wait for it and then complete. Nothing deadlocks as long as the thread
    /// holding the session does not itself wait for a delivery write (documented on <see cref="IDeliveryStore"/>).
    /// </remarks>
    [Fact]
    public async Task Delivery_calls_beside_an_open_processor_session_complete_once_it_commits()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        Enqueue(store, Entry(Braze, 1, "committed"), Entry(Braze, 2, "to reschedule"));
        var committed = delivery.ClaimDue(Braze, Now, 10);

        var session = store.BeginSession();
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

            // Writes cannot take the lock the session holds; they wait rather than fail or slip in.
            Assert.False(deliveryWork.IsCompleted);
            session.Commit();
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
        using var next = store.BeginSession();
        next.Enqueue(Entry(Braze, 4, "next"));
        next.Commit();
        Assert.Equal(3, delivery.CountQueued(Braze));
    }
}
