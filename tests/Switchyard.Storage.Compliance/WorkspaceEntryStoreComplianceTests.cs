using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Workspace;

namespace Switchyard.Storage.Compliance;

/// <summary>
/// The behaviour every provider's store of run-time inputs, outputs and connections must show. A provider's test class
/// inherits this and says how to open its store (with <see cref="Time"/>); a store that is <see cref="IAsyncDisposable"/>
/// is disposed to reopen it.
/// </summary>
public abstract class WorkspaceEntryStoreComplianceTests : IAsyncLifetime
{
    private readonly List<IWorkspaceEntryStore> _opened = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Opens the provider's store. Called again after a dispose, it must see the same data.</summary>
    protected abstract Task<IWorkspaceEntryStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await CloseAsync(store);
        }
    }

    [Fact]
    public async Task A_call_whose_token_is_already_cancelled_is_refused_and_changes_nothing()
    {
        var store = await OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", "{}", cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WorkspaceEntriesAsync(cancelled.Token));

        Assert.Empty(await store.WorkspaceEntriesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_store_lists_nothing_and_deletes_nothing()
    {
        var store = await OpenAsync();

        Assert.Empty(await store.WorkspaceEntriesAsync(CancellationToken.None));
        Assert.False(await store.DeleteWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", CancellationToken.None));
    }

    [Fact]
    public async Task Entries_are_listed_oldest_change_first_with_their_kind_json_and_time()
    {
        var store = await OpenAsync();
        await store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Connection, "shop/braze", """{"input":"shop"}""", CancellationToken.None);
        Time.Advance(TimeSpan.FromSeconds(5));
        await store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", """{ "id" : "shop" }""", CancellationToken.None);

        var listed = await store.WorkspaceEntriesAsync(CancellationToken.None);

        Assert.Equal([(WorkspaceEntryKind.Connection, "shop/braze"), (WorkspaceEntryKind.Input, "shop")], listed.Select(e => (e.Kind, e.Id)));
        Assert.Equal("""{ "id" : "shop" }""", listed[1].Json);
        Assert.Equal(Time.GetUtcNow().ToUnixTimeMilliseconds(), listed[1].UpdatedAtMs);
    }

    [Fact]
    public async Task One_id_may_name_an_input_and_an_output_and_saving_again_replaces_only_that_kinds_entry()
    {
        var store = await OpenAsync();
        await store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", "{\"v\":1}", CancellationToken.None);
        await store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Output, "shop", "{\"v\":1}", CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(1));
        await store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", "{\"v\":2}", CancellationToken.None);

        var listed = await store.WorkspaceEntriesAsync(CancellationToken.None);

        Assert.Equal(2, listed.Count);
        Assert.Equal("{\"v\":2}", listed.Single(e => e.Kind == WorkspaceEntryKind.Input).Json);
        Assert.Equal("{\"v\":1}", listed.Single(e => e.Kind == WorkspaceEntryKind.Output).Json);
        Assert.True(await store.DeleteWorkspaceEntryAsync(WorkspaceEntryKind.Output, "shop", CancellationToken.None));
        Assert.Equal(WorkspaceEntryKind.Input, Assert.Single(await store.WorkspaceEntriesAsync(CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task Saved_entries_survive_closing_and_opening_the_store_and_deletions_too()
    {
        var store = await OpenAsync();
        await store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", "{}", CancellationToken.None);
        await store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Output, "braze", "{}", CancellationToken.None);
        await store.DeleteWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", CancellationToken.None);

        var reopened = await ReopenAsync(store);

        Assert.Equal("braze", Assert.Single(await reopened.WorkspaceEntriesAsync(CancellationToken.None)).Id);
    }

    private async Task<IWorkspaceEntryStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }

    private async Task<IWorkspaceEntryStore> ReopenAsync(IWorkspaceEntryStore store)
    {
        await CloseAsync(store);
        _opened.Remove(store);
        return await OpenAsync();
    }

    private static async Task CloseAsync(IWorkspaceEntryStore store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
