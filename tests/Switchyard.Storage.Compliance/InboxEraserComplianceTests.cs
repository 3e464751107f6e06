using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Privacy;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Compliance;

/// <summary>
/// The inbox's side of an erasure (<see cref="IInboxEraser"/>), which every inbox provider implements beside
/// <see cref="IInboxStore"/>: it removes the batches a predicate picks, up to a sequence, and leaves every other batch.
/// </summary>
public abstract class InboxEraserComplianceTests : IAsyncLifetime
{
    private readonly List<IInboxStore> _opened = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Opens the provider's inbox, which must also be its <see cref="IInboxEraser"/>.</summary>
    protected abstract Task<IInboxStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_last_sequence_is_zero_for_an_empty_inbox_and_then_the_highest_assigned()
    {
        var (store, eraser) = await OpenAsync();
        Assert.Equal(0, await eraser.LastSequenceAsync(default));

        var appended = await store.AppendAsync([Batch("ada", 1), Batch("bob", 2), Batch("ada", 3)], default);

        Assert.Equal(appended.Sequences[2], await eraser.LastSequenceAsync(default));
    }

    [Fact]
    public async Task Only_the_batches_that_belong_are_erased_and_the_rest_read_back_unchanged()
    {
        var (store, eraser) = await OpenAsync();
        await store.AppendAsync([Batch("ada", 1), Batch("bob", 2), Batch("ada", 3), Batch("cy", 4)], default);

        var erased = await eraser.EraseAsync(await eraser.LastSequenceAsync(default), Belongs("ada"), default);

        Assert.Equal(2, erased);
        Assert.Equal([Json("bob", 2), Json("cy", 4)], await PayloadsAsync(store));
        Assert.Equal(0, await eraser.EraseAsync(await eraser.LastSequenceAsync(default), Belongs("ada"), default));
    }

    [Fact]
    public async Task Batches_after_the_given_sequence_are_kept_even_when_they_belong()
    {
        var (store, eraser) = await OpenAsync();
        var first = await store.AppendAsync([Batch("ada", 1), Batch("ada", 2)], default);
        await store.AppendAsync([Batch("ada", 3)], default);

        var erased = await eraser.EraseAsync(first.Sequences[1]!.Value, Belongs("ada"), default);

        Assert.Equal(2, erased);
        Assert.Equal([Json("ada", 3)], await PayloadsAsync(store));
    }

    [Fact]
    public async Task The_scan_covers_more_than_one_page_of_the_inbox()
    {
        var (store, eraser) = await OpenAsync();
        for (var chunk = 0; chunk < 5; chunk++)
        {
            await store.AppendAsync([.. Enumerable.Range(chunk * 300, 300).Select(i => Batch(i % 2 == 0 ? "ada" : "bob", i))], default);
        }

        var erased = await eraser.EraseAsync(await eraser.LastSequenceAsync(default), Belongs("ada"), default);

        Assert.Equal(750, erased);
        var left = await PayloadsAsync(store);
        Assert.Equal(750, left.Count);
        Assert.All(left, payload => Assert.StartsWith("""{"user":"bob",""", payload, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cancelled_erasure_throws_and_calling_again_finishes_it()
    {
        var (store, eraser) = await OpenAsync();
        await store.AppendAsync([Batch("ada", 1), Batch("bob", 2)], default);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => eraser.EraseAsync(10, Belongs("ada"), cancelled.Token));

        Assert.Equal(1, await eraser.EraseAsync(await eraser.LastSequenceAsync(default), Belongs("ada"), default));
        Assert.Equal([Json("bob", 2)], await PayloadsAsync(store));
    }

    private async Task<(IInboxStore Store, IInboxEraser Eraser)> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return (store, Assert.IsAssignableFrom<IInboxEraser>(store));
    }

    private static InboxRecord Batch(string user, int n) => new("feed", null, Encoding.UTF8.GetBytes(Json(user, n)));

    private static string Json(string user, int n) => $$"""{"user":"{{user}}","n":{{n}}}""";

    private static Func<ReadOnlyMemory<byte>, bool> Belongs(string user) =>
        payload => Encoding.UTF8.GetString(payload.Span).StartsWith($$"""{"user":"{{user}}",""", StringComparison.Ordinal);

    private static async Task<List<string>> PayloadsAsync(IInboxStore store)
    {
        var payloads = new List<string>();
        var after = 0L;
        while (true)
        {
            var page = await store.ReadAsync(after, 1000, default);
            if (page.Count == 0)
            {
                return payloads;
            }

            payloads.AddRange(page.Select(b => Encoding.UTF8.GetString(b.Payload)));
            after = page[^1].Sequence;
        }
    }
}
