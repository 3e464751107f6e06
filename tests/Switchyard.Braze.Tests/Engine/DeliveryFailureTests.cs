using Switchyard.Braze.Engine;

namespace Switchyard.Braze.Tests.Engine;

public sealed class DeliveryFailureTests : DeliveryFixture
{
    [Fact]
    public async Task A_partial_error_dead_letters_exactly_the_named_item_and_delivers_the_others()
    {
        await EnqueueAsync(11, "u1", Events("A"));
        await EnqueueAsync(12, "u2", Purchase("sku-1", currency: "ZZQ"));
        await EnqueueAsync(13, "u3", Events("C"));

        Assert.Equal(3, await Engine().RunOnceAsync(CancellationToken.None));

        var dead = Assert.Single(await Store.DeadLettersAsync(OutputId, 0, 10, default));
        Assert.Equal(12, dead.Mpid);
        Assert.Contains("purchases[0]", dead.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, dead.Reason, StringComparison.Ordinal);
        Assert.Equal(2, await DataPointsAsync("events"));
        Assert.Equal(0, await DataPointsAsync("purchases"));
        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
    }

    [Fact]
    public async Task A_replayed_dead_letter_is_queued_again_and_the_next_pass_processes_it()
    {
        var engine = Engine();
        await EnqueueAsync(12, "u2", Purchase("sku-1", currency: "ZZQ"));
        await engine.RunOnceAsync(CancellationToken.None);
        var first = Assert.Single(await Store.DeadLettersAsync(OutputId, 0, 10, default));

        Assert.True(await Store.ReplayAsync(first.Id, Time.GetUtcNow().ToUnixTimeMilliseconds(), default));
        Assert.Equal(1, await Store.CountQueuedAsync(OutputId, default));
        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));

        // Nothing was fixed: it fails the same way again, as a new dead letter.
        var second = Assert.Single(await Store.DeadLettersAsync(OutputId, first.Id, 10, default));
        Assert.Equal(first.Reason, second.Reason);
        Assert.Equal(2, (await TrackRequestsAsync()).Count);
    }

    [Fact]
    public async Task An_item_sent_again_after_a_crash_before_its_acknowledgement_does_not_duplicate_events()
    {
        var engine = Engine();
        var sequence = await EnqueueAsync(11, "u1", Events("A", "B"), ("$FirstName", "Ann"));
        await engine.RunOnceAsync(CancellationToken.None);

        // The same batch queued again stands for an item whose acknowledgement was lost.
        await EnqueueAgain(11, sequence);
        Assert.Equal(1, await engine.RunOnceAsync(CancellationToken.None));

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Equal(2, await DataPointsAsync("events"));
        Assert.Equal(1, await DataPointsAsync("profile_attributes"));
        Assert.All((await ExportAsync("u1"))!["custom_events"]!.AsArray(), e => Assert.Equal(1, (int?)e!["count"]));
        Assert.Single(await TrackRequestsAsync());
    }

    [Fact]
    public async Task A_users_later_item_waits_untouched_behind_an_earlier_one_that_must_be_retried()
    {
        await FaultAsync(new { kind = "status", status = 503, count = 1 });
        var engine = Engine();
        await EnqueueAsync(11, "u1", Events("First"));
        await EnqueueAsync(11, "u1", Events("Second"));

        await engine.RunOnceAsync(CancellationToken.None);

        var queued = await QueuedAsync();
        Assert.Equal([1, 0], queued.Select(i => i.Attempts));
        Assert.Null(queued[1].LastError);
        // The later item is hidden while the earlier one waits for its retry.
        Assert.Empty(await Store.ClaimDueAsync(OutputId, Time.GetUtcNow().ToUnixTimeMilliseconds(), 10, default));
        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await engine.RunOnceAsync(CancellationToken.None));
        Assert.Equal(2, await DataPointsAsync("events"));
    }

    [Fact]
    public async Task A_user_braze_cannot_identify_is_acknowledged_and_counted_as_skipped()
    {
        using var metrics = new MetricsCapture(OutputId);
        await EnqueueAsync(11, customerId: null, Events("A"));

        Assert.Equal(1, await Engine().RunOnceAsync(CancellationToken.None));

        Assert.Equal(0, await Store.CountQueuedAsync(OutputId, default));
        Assert.Empty(await Store.DeadLettersAsync(OutputId, 0, 10, default));
        Assert.Equal(1, metrics.Sum("switchyard.delivery.items.skipped"));
        Assert.Empty(await TrackRequestsAsync());
    }

    [Fact]
    public async Task An_item_whose_profile_or_batch_is_gone_is_dead_lettered_with_the_reason()
    {
        var sequence = await EnqueueAsync(11, "u1", Events("A"));
        await Engine().RunOnceAsync(CancellationToken.None);
        await EnqueueAgain(99, sequence);
        await EnqueueAgain(98, sequence + 100, saveProfile: true);

        Assert.Equal(2, await Engine().RunOnceAsync(CancellationToken.None));

        Assert.Equal(
            ["profile 99 not found", $"batch {sequence + 100} is no longer in the inbox"],
            (await Store.DeadLettersAsync(OutputId, 0, 10, default)).Select(d => d.Reason));
    }

    [Fact]
    public void The_outbox_payload_round_trips_and_anything_else_is_refused()
    {
        Assert.Equal("{\"seq\":42}", BrazeOutboxPayload.Create(42));
        Assert.True(BrazeOutboxPayload.TryRead("{\"seq\":42}", out var payload));
        Assert.Equal(42, payload.Sequence);
        Assert.False(BrazeOutboxPayload.TryRead("{\"seq\":0}", out _));
        Assert.True(BrazeOutboxPayload.TryRead(BrazeOutboxPayload.CreateRefresh(), out var refresh));
        Assert.True(refresh.Refresh);
        Assert.False(BrazeOutboxPayload.TryRead("{\"refresh\":false}", out _));
        Assert.False(BrazeOutboxPayload.TryRead("not json", out _));
        Assert.False(BrazeOutboxPayload.TryRead("", out _));
    }
}
