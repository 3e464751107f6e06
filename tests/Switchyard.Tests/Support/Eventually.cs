namespace Switchyard.Tests.Support;

/// <summary>
/// Waits for something another process or background worker does: checks the condition until it holds or the deadline
/// passes, then fails with a message saying what never happened. The one place tests wait on a real clock.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() >= deadline)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds:0.#} s: {what}.");
            }

            await Task.Delay(Pause);
        }
    }
}
