using System.Text;

namespace Switchyard.Cli.Send;

/// <summary>
/// Groups batches into requests: one batch per <c>/v2/events</c> request; with <c>--bulk</c>, up to the batch size per
/// <c>/v2/bulkevents</c> request and under the Events API's 256 KB request limit (docs/events-api.md), so a request is
/// never refused for its size alone.
/// </summary>
internal static class BatchRequests
{
    /// <summary>Bytes a bulk request is kept under: the 256 KB limit less room for the brackets and commas.</summary>
    private const int MaxBulkBytes = (256 * 1024) - 1024;

    public static IEnumerable<IReadOnlyList<OutgoingBatch>> Group(IEnumerable<OutgoingBatch> batches, bool bulk, int batchSize)
    {
        var request = new List<OutgoingBatch>();
        var bytes = 0;
        foreach (var batch in batches)
        {
            var size = bulk ? Encoding.UTF8.GetByteCount(batch.Json) : 0;
            if (request.Count > 0 && (!bulk || request.Count == batchSize || bytes + size > MaxBulkBytes))
            {
                yield return request;
                request = [];
                bytes = 0;
            }

            request.Add(batch);
            bytes += size;
        }

        if (request.Count > 0)
        {
            yield return request;
        }
    }
}
