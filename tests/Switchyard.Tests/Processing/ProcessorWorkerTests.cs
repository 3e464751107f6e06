using System.Text;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Processing;

namespace Switchyard.Tests.Processing;

/// <summary>The worker over real stores: one batch that cannot be processed must not stop the others.</summary>
public sealed class ProcessorWorkerTests : IAsyncLifetime
{
    private ProcessingStores _stores = null!;

    public async Task InitializeAsync() => _stores = await ProcessingStores.OpenAsync("switchyard-worker");

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [Fact]
    public async Task A_batch_that_cannot_be_processed_is_passed_over_and_the_rest_are_processed()
    {
        await _stores.Inbox.AppendAsync([Batch("before"), Batch("poison"), Batch("after")], default);
        var statistics = await ProcessingStatistics.ReadAsync(_stores.Profiles, CancellationToken.None);
        var processor = new BatchProcessor(new ProcessingSettings());
        var worker = _stores.Worker(statistics, processor);
        worker.UseProcessStep((session, batch, receivedAtMs, audiences, nowMs, cancellationToken) =>
            batch.UserIdentities?.CustomerId == "poison"
                ? throw new InvalidOperationException("cannot process this batch")
                : processor.ProcessAsync(session, batch, receivedAtMs, audiences, nowMs, cancellationToken));

        await worker.StartAsync(default);
        for (var attempt = 0; attempt < 200 && statistics.Batches + statistics.Failed < 3; attempt++)
        {
            await Task.Delay(25);
        }

        await worker.StopAsync(default);

        Assert.Equal((2L, 1L), (statistics.Batches, statistics.Failed));
        Assert.NotNull(await _stores.Profiles.FindMpidAsync(IdentityKeys.CustomerId, "before", default));
        Assert.NotNull(await _stores.Profiles.FindMpidAsync(IdentityKeys.CustomerId, "after", default));
        Assert.Null(await _stores.Profiles.FindMpidAsync(IdentityKeys.CustomerId, "poison", default));
        Assert.Equal(3, await _stores.Inbox.CountAsync(default));
    }

    private static InboxRecord Batch(string customerId) => new("f", null, Encoding.UTF8.GetBytes(
        "{\"environment\":\"development\",\"user_identities\":{\"customer_id\":\"" + customerId + "\"},\"events\":[]}"));
}
