using System.Globalization;
using System.Text;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Processing;

namespace Switchyard.Tests.Processing;

/// <summary>
/// How much one chunk (one profile session, one commit) takes from the inbox: pages of <see cref="PartitionProcessor.ReadPageSize"/>
/// batches until <see cref="PartitionProcessor.ChunkSize"/> batches or <see cref="PartitionProcessor.ChunkBytes"/> bytes.
/// </summary>
public sealed class ChunkSizeTests : IAsyncLifetime
{
    private ProcessingStores _stores = null!;

    public async Task InitializeAsync() => _stores = await ProcessingStores.OpenAsync("switchyard-chunks");

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [Fact]
    public async Task A_chunk_reads_page_after_page_up_to_its_batch_limit_and_the_next_chunk_takes_the_rest()
    {
        var total = PartitionProcessor.ChunkSize + 76;
        foreach (var part in Enumerable.Range(0, total).Select(i => Record("user-" + (i % 300).ToString(CultureInfo.InvariantCulture), padding: 0)).Chunk(200))
        {
            await _stores.Inbox.AppendAsync(part, default);
        }

        var (worker, statistics, evaluator) = await WorkerAsync();

        Assert.True(PartitionProcessor.ChunkSize > PartitionProcessor.ReadPageSize, "a chunk spans several inbox reads");
        Assert.Equal(PartitionProcessor.ChunkSize, await worker.ProcessChunkAsync(evaluator, default));
        var sequences = (await _stores.Inbox.ReadAsync(0, total, default)).Select(b => b.Sequence).ToList();
        Assert.All(await _stores.Profiles.ReadPartitionCursorsAsync(default), cursor => Assert.Equal(sequences[PartitionProcessor.ChunkSize - 1], cursor));

        Assert.Equal(76, await worker.ProcessChunkAsync(evaluator, default));
        Assert.Equal(0, await worker.ProcessChunkAsync(evaluator, default));
        Assert.All(await _stores.Profiles.ReadPartitionCursorsAsync(default), cursor => Assert.Equal(sequences[^1], cursor));
        Assert.Equal(total, statistics.Batches);
        var user = await _stores.Profiles.FindMpidAsync(IdentityKeys.CustomerId, "user-7", default);
        Assert.Equal(total / 300 + (7 < total % 300 ? 1 : 0), (await _stores.Profiles.FindProfileAsync(user!.Value, default))!.Events[EventKeys.Custom("Tap")].TotalCount);
    }

    [Fact]
    public async Task A_chunk_of_large_batches_stops_reading_once_it_holds_its_byte_limit()
    {
        // Batches of about 40 KB: one page of them is past the byte limit, so each chunk is one page.
        const int padding = 40_000;
        var total = PartitionProcessor.ReadPageSize + 44;
        Assert.True((long)PartitionProcessor.ReadPageSize * padding >= PartitionProcessor.ChunkBytes, "one page of these batches fills a chunk");
        foreach (var part in Enumerable.Range(0, total).Select(i => Record("big-" + i.ToString(CultureInfo.InvariantCulture), padding)).Chunk(50))
        {
            await _stores.Inbox.AppendAsync(part, default);
        }

        var (worker, statistics, evaluator) = await WorkerAsync();

        Assert.Equal(PartitionProcessor.ReadPageSize, await worker.ProcessChunkAsync(evaluator, default));
        Assert.Equal(44, await worker.ProcessChunkAsync(evaluator, default));
        Assert.Equal(0, await worker.ProcessChunkAsync(evaluator, default));
        Assert.Equal((long)total, statistics.Batches);
        Assert.NotNull(await _stores.Profiles.FindMpidAsync(IdentityKeys.CustomerId, "big-" + (total - 1).ToString(CultureInfo.InvariantCulture), default));
    }

    private async Task<(ProcessorWorker Worker, ProcessingStatistics Statistics, Core.Audiences.IAudienceEvaluator Evaluator)> WorkerAsync()
    {
        var statistics = await ProcessingStatistics.ReadAsync(_stores.Profiles, default);
        var (evaluator, _, _) = await _stores.Runtime().CurrentAsync(default);
        return (_stores.Worker(statistics), statistics, evaluator);
    }

    /// <summary>A batch of one event, with <paramref name="padding"/> characters of user attributes (4,000 to a value, the limit being 4,096).</summary>
    private static InboxRecord Record(string customerId, int padding)
    {
        var attributes = string.Join(",", Enumerable.Range(0, padding / 4000).Select(i => "\"note" + i.ToString(CultureInfo.InvariantCulture) + "\":\"" + new string('x', 4000) + "\""));
        return new("f", null, Encoding.UTF8.GetBytes(
            "{\"environment\":\"development\",\"user_identities\":{\"customer_id\":\"" + customerId + "\"},\"user_attributes\":{" + attributes +
            "},\"events\":[{\"event_type\":\"custom_event\",\"data\":{\"event_name\":\"Tap\",\"custom_event_type\":\"other\"}}]}"));
    }
}
