namespace Switchyard.Storage.Postgres.Tests.Support;

/// <summary>
/// Waits for something another connection does: checks the condition until it holds or the deadline passes, then fails
/// with a message saying what never happened.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

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
