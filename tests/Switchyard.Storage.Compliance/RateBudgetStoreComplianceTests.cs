using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Storage.Compliance;

/// <summary>
/// The behaviour every provider's shared rate budgets must show. A provider's test class says how to open a store on
/// the test's storage as one more node would; stores opened by one test share their budgets.
/// </summary>
public abstract class RateBudgetStoreComplianceTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    // A window boundary: 2026-11-29T00:00:00Z is a multiple of 3 s since the epoch.
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    private readonly List<IRateBudgetStore> _opened = [];

    /// <summary>
    /// Opens a store on the test's storage, as another node would. A provider whose budgets live in one process (one node
    /// by design) returns the same store each time.
    /// </summary>
    protected abstract Task<IRateBudgetStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened.Distinct())
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private static RateBudgetTake Take(string key, int wanted, int limit, DateTimeOffset? window = null, DateTimeOffset? now = null) =>
        new(key, window ?? Start, Window, wanted, limit, now ?? (window ?? Start).AddMilliseconds(10));

    [Fact]
    public async Task Takes_are_granted_in_full_until_the_limit_then_in_part_then_not_at_all()
    {
        var store = await OpenAsync();

        Assert.Equal(new RateBudgetGrant(4, null), await store.TakeAsync(Take("k", 4, limit: 10), CancellationToken.None));
        Assert.Equal(new RateBudgetGrant(4, null), await store.TakeAsync(Take("k", 4, limit: 10), CancellationToken.None));
        Assert.Equal(new RateBudgetGrant(2, null), await store.TakeAsync(Take("k", 4, limit: 10), CancellationToken.None));
        Assert.Equal(new RateBudgetGrant(0, null), await store.TakeAsync(Take("k", 4, limit: 10), CancellationToken.None));
    }

    [Fact]
    public async Task A_take_wanting_more_than_the_limit_gets_the_limit()
    {
        var store = await OpenAsync();

        Assert.Equal(5, (await store.TakeAsync(Take("k", 50, limit: 5), CancellationToken.None)).Granted);
        Assert.Equal(0, (await store.TakeAsync(Take("k", 1, limit: 5), CancellationToken.None)).Granted);
    }

    [Fact]
    public async Task Concurrent_takers_on_several_stores_never_get_more_than_the_limit_of_a_window()
    {
        const int limit = 700;
        var stores = new[] { await OpenAsync(), await OpenAsync(), await OpenAsync() };
        var granted = 0;

        // Four takers per store keep taking slices of 7 until a take comes back short (the window is spent).
        await Task.WhenAll(stores.SelectMany(store => Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var grant = await store.TakeAsync(Take("shared", 7, limit), CancellationToken.None);
                Interlocked.Add(ref granted, grant.Granted);
                if (grant.Granted < 7)
                {
                    return;
                }
            }
        }))));

        Assert.Equal(limit, granted);
        Assert.Equal(0, (await stores[0].TakeAsync(Take("shared", 1, limit), CancellationToken.None)).Granted);
    }

    [Fact]
    public async Task Each_window_and_each_key_has_a_budget_of_its_own()
    {
        var store = await OpenAsync();
        var other = await OpenAsync();
        Assert.Equal(3, (await store.TakeAsync(Take("a", 3, limit: 3), CancellationToken.None)).Granted);

        Assert.Equal(3, (await other.TakeAsync(Take("b", 3, limit: 3), CancellationToken.None)).Granted);
        Assert.Equal(3, (await other.TakeAsync(Take("a", 3, limit: 3, window: Start + Window), CancellationToken.None)).Granted);
        Assert.Equal(0, (await other.TakeAsync(Take("a", 1, limit: 3), CancellationToken.None)).Granted);
        Assert.Equal(0, (await store.TakeAsync(Take("a", 1, limit: 3, window: Start + Window), CancellationToken.None)).Granted);
    }

    [Fact]
    public async Task A_pause_recorded_by_one_store_stops_the_takes_of_every_store_until_it_ends()
    {
        var store = await OpenAsync();
        var other = await OpenAsync();
        var until = Start.AddSeconds(20);

        await store.PauseAsync("k", until, CancellationToken.None);

        Assert.Equal(new RateBudgetGrant(0, until), await other.TakeAsync(Take("k", 5, limit: 10, now: Start.AddSeconds(19)), CancellationToken.None));
        Assert.Equal(new RateBudgetGrant(5, null), await other.TakeAsync(Take("other", 5, limit: 10), CancellationToken.None));
        var after = Start.AddSeconds(21);
        Assert.Equal(new RateBudgetGrant(5, null), await store.TakeAsync(Take("k", 5, limit: 10, window: after, now: after), CancellationToken.None));
    }

    [Fact]
    public async Task A_pause_only_ever_extends()
    {
        var store = await OpenAsync();
        var other = await OpenAsync();
        await store.PauseAsync("k", Start.AddSeconds(30), CancellationToken.None);
        await other.PauseAsync("k", Start.AddSeconds(10), CancellationToken.None);

        var grant = await store.TakeAsync(Take("k", 1, limit: 10, now: Start.AddSeconds(15)), CancellationToken.None);

        Assert.Equal(new RateBudgetGrant(0, Start.AddSeconds(30)), grant);
    }

    [Fact]
    public async Task A_paused_take_uses_none_of_the_window()
    {
        var store = await OpenAsync();
        await store.PauseAsync("k", Start.AddSeconds(1), CancellationToken.None);
        Assert.Equal(0, (await store.TakeAsync(Take("k", 3, limit: 3, now: Start), CancellationToken.None)).Granted);

        var grant = await store.TakeAsync(Take("k", 3, limit: 3, now: Start.AddSeconds(2)), CancellationToken.None);

        Assert.Equal(new RateBudgetGrant(3, null), grant);
    }

    [Fact]
    public async Task A_call_whose_token_is_already_cancelled_is_refused_and_takes_nothing()
    {
        var store = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.TakeAsync(Take("k", 3, limit: 3), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.PauseAsync("k", Start.AddSeconds(9), cancelled.Token));

        Assert.Equal(new RateBudgetGrant(3, null), await store.TakeAsync(Take("k", 3, limit: 3), CancellationToken.None));
    }

    [Fact]
    public async Task A_key_id_longer_than_the_contract_allows_is_a_bug_of_the_caller()
    {
        var store = await OpenAsync();
        var longId = new string('a', RateBudgetTake.MaxKeyIdLength + 1);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.TakeAsync(Take(longId, 1, 1), CancellationToken.None));
        Assert.Equal(1, (await store.TakeAsync(Take(new string('a', RateBudgetTake.MaxKeyIdLength), 1, 1), CancellationToken.None)).Granted);
    }

    private async Task<IRateBudgetStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }
}
