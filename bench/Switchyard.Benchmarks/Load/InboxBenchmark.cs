using System.Diagnostics;
using System.Globalization;
using System.Text;
using Switchyard.Core.Storage;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Inbox;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// <c>inbox</c>: the durable inbox alone, without HTTP or parsing: concurrent appends of the load generator's
/// batches (each with a fresh source_request_id) for a fixed time, in batches per second.
/// </summary>
internal static class InboxBenchmark
{
    public static async Task<int> RunAsync(TimeSpan duration, int concurrency, int batchesPerAppend, int eventsPerBatch)
    {
        var directory = Path.Combine(Path.GetTempPath(), "switchyard-inbox-bench-" + Guid.NewGuid().ToString("N"));
        var batch = Encoding.UTF8.GetBytes(OneBatch(eventsPerBatch));
        long appended = 0, counter = 0;
        await using (var store = await SqliteInboxStore.OpenAsync(new SqliteStorageOptions { DataDirectory = directory }, TimeProvider.System))
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                while (clock.Elapsed < duration)
                {
                    var records = new InboxRecord[batchesPerAppend];
                    for (var i = 0; i < records.Length; i++)
                    {
                        records[i] = new InboxRecord("bench", Interlocked.Increment(ref counter).ToString("D24", CultureInfo.InvariantCulture), batch);
                    }

                    await store.AppendAsync(records, default);
                    Interlocked.Add(ref appended, batchesPerAppend);
                }
            })));
            var rate = appended / clock.Elapsed.TotalSeconds;
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"inbox: {rate:N0} batches/s ({rate * eventsPerBatch:N0} events/s at {eventsPerBatch} events per batch), {batch.Length} bytes per batch, {concurrency} concurrent appends of {batchesPerAppend}"));
        }

        Directory.Delete(directory, recursive: true);
        return 0;
    }

    private static string OneBatch(int events)
    {
        var template = Encoding.UTF8.GetString(PayloadFactory.Create(1, events, seed: 7).Template);
        return template[1..^1];
    }
}
