using System.Diagnostics;
using System.Globalization;

namespace Switchyard.Benchmarks.Load;

/// <summary>The three phases of <c>audience-sync</c>, each printing one line and saying whether it completed.</summary>
internal static partial class AudienceSyncBenchmark
{
    /// <summary>Users join while the audience is not connected, so the initial sync is all that sends them.</summary>
    private static async Task<bool> JoinAsync(HttpClient ingest, AudienceSyncProbe probe, int users)
    {
        var clock = Stopwatch.StartNew();
        await SendAsync(ingest, users, "ibiza");
        var sent = clock.Elapsed;
        var joined = await WaitAsync(clock, async () => await probe.AudienceSizeAsync() == users);
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audience-sync setup: {users:N0} users sent in {sent.TotalSeconds:F1} s; audience {Audience} has them all after {Seconds(joined)}"));

        // The sync worker passes over the inactive connection's log entries after the processor wrote them; entries it
        // reached only after the connection became active would be queued too, on top of the job (about 10,000 extra
        // items in a trial run). The admin API does not show the worker's position, so give it time to catch up.
        await Task.Delay(LogCatchUp);
        return joined is not null;
    }

    /// <summary>Connect the audience; done when its sync job is and the output's queue is empty.</summary>
    private static async Task<bool> InitialSyncAsync(AudienceSyncProbe probe, int users, string sendSegmentsAs)
    {
        var before = await probe.TallyAsync();
        await probe.ClearRequestLogAsync();
        var clock = Stopwatch.StartNew();
        await probe.ConnectAsync();
        TimeSpan? jobDone = null;
        long peak = 0;
        var synced = await WaitAsync(clock, async () =>
        {
            var (state, queued) = await probe.ConnectionAsync();
            peak = Math.Max(peak, queued);
            if (state == "done")
            {
                jobDone ??= clock.Elapsed;
            }

            return state == "done" && queued == 0;
        });
        var cost = await probe.SettledTallyAsync() - before;
        var track = await probe.TrackTimeAsync();
        var inSegment = await probe.SegmentCountAsync();
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"initial sync ({sendSegmentsAs}): {users:N0} members in Braze after {Seconds(synced)} = {Rate(users, synced)} users/s " +
            $"(job done after {Seconds(jobDone)}, queue peaked at {peak:N0}); {cost.Items:N0} items settled, {cost.Unchanged:N0} of them for users " +
            $"Braze already had; {cost.Requests:N0} requests, {cost.ObjectsPerRequest:F1} objects per request, {Busy(track)}; " +
            $"{cost.DataPoints:N0} data points ({cost.DataPoints / users:F2} per user); segment has {inSegment:N0} of {users:N0}"));
        return synced is not null && inSegment == users;
    }

    /// <summary>Every user leaves through the Events API; done when the Braze segment and the output's queue are empty.</summary>
    private static async Task<bool> LeaveAsync(HttpClient ingest, AudienceSyncProbe probe, int users, string sendSegmentsAs)
    {
        var before = await probe.TallyAsync();
        await probe.ClearRequestLogAsync();
        var clock = Stopwatch.StartNew();
        await SendAsync(ingest, users, "paris");
        var sent = clock.Elapsed;
        TimeSpan? processed = null;
        long peak = 0;
        var left = await WaitAsync(clock, async () =>
        {
            if (processed is null && await probe.AudienceSizeAsync() == 0)
            {
                processed = clock.Elapsed;
            }

            var queued = (await probe.ConnectionAsync()).Queued;
            peak = Math.Max(peak, queued);

            // The segment is evaluated over every sandbox user, so it is asked only once the server looks settled.
            return processed is not null && queued == 0 && await probe.SegmentCountAsync() == 0;
        });
        var cost = await probe.SettledTallyAsync() - before;
        var track = await probe.TrackTimeAsync();
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"real-time leave ({sendSegmentsAs}): {users:N0} users out of the Braze segment after {Seconds(left)} = {Rate(users, left)} users/s end to end " +
            $"(sent in {sent.TotalSeconds:F1} s, audience empty after {Seconds(processed)}, queue peaked at {peak:N0}); {cost.Items:N0} items settled; " +
            $"{cost.Requests:N0} requests, {cost.ObjectsPerRequest:F1} objects per request, {Busy(track)}; " +
            $"{cost.DataPoints:N0} data points = {cost.DataPoints / users:F2} per user (expected {Forms(sendSegmentsAs)}: one per form)"));
        return left is not null;
    }
}
