using Switchyard.Processing;

namespace Switchyard.Tests.Processing;

public sealed class DeliveryPassesTests
{
    [Fact]
    public async Task Waiting_ends_when_the_passes_running_at_the_call_end_and_not_before()
    {
        var passes = new DeliveryPasses();
        var first = passes.Begin();
        var second = passes.Begin();

        var waiting = passes.WaitForRunningAsync(default);
        var later = passes.Begin();
        passes.End(first);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        passes.End(second);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        // A pass begun after the call is not waited for.
        passes.End(later);
    }

    [Fact]
    public async Task With_nothing_running_waiting_ends_at_once()
    {
        var passes = new DeliveryPasses();
        passes.End(passes.Begin());

        await passes.WaitForRunningAsync(default).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
