using System.Text;

namespace Switchyard.Storage.Compliance;

public abstract partial class InboxComplianceTests
{
    [Fact]
    public async Task Pruning_removes_only_batches_below_the_sequence_and_older_than_the_cutoff()
    {
        var store = await OpenAsync();
        var old = (await store.AppendAsync([Record("f", null, "{\"n\":1}"), Record("f", null, "{\"n\":2}"), Record("f", null, "{\"n\":3}")], default)).Sequences;
        Time.Advance(TimeSpan.FromHours(1));
        var young = (await store.AppendAsync([Record("f", null, "{\"n\":4}")], default)).Sequences;
        var cutoff = Time.GetUtcNow() - TimeSpan.FromMinutes(30);

        // Below the third batch and older than the cutoff: the first two go; the third is still needed.
        Assert.Equal(2, await store.PruneBeforeAsync(old[2]!.Value, cutoff, default));
        Assert.Equal(["{\"n\":3}", "{\"n\":4}"], (await store.ReadAsync(0, 10, default)).Select(b => Encoding.UTF8.GetString(b.Payload)));

        // Needed by nothing but still within the retention: the young batch stays.
        Assert.Equal(1, await store.PruneBeforeAsync(long.MaxValue, cutoff, default));
        var left = Assert.Single(await store.ReadAsync(0, 10, default));
        Assert.Equal(young[0]!.Value, left.Sequence);
        Assert.Equal(0, await store.PruneBeforeAsync(long.MaxValue, cutoff, default));
    }

    [Fact]
    public async Task Sequences_are_not_reused_after_pruning_even_across_a_restart()
    {
        var store = await OpenAsync();
        var first = (await store.AppendAsync([Record("f", null, "{}"), Record("f", null, "{}")], default)).Sequences;
        Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal(2, await store.PruneBeforeAsync(long.MaxValue, Time.GetUtcNow(), default));
        Assert.Equal(0, await store.CountAsync(default));
        await store.DisposeAsync();

        var reopened = await OpenAsync();
        var next = (await reopened.AppendAsync([Record("f", null, "{}")], default)).Sequences;

        Assert.True(next[0]!.Value > first[1]!.Value);
    }
}
