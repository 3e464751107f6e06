using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Audiences;

namespace Switchyard.Storage.Compliance;

/// <summary>
/// The behaviour every audience store provider must show. A provider's test class inherits this and says how to
/// open its store (with <see cref="Time"/>); a store that is <see cref="IAsyncDisposable"/> is disposed to reopen it.
/// </summary>
public abstract class AudienceStoreComplianceTests : IAsyncLifetime
{
    private readonly List<IAudienceStore> _opened = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Opens the provider's store. Called again after a dispose, it must see the same data.</summary>
    protected abstract Task<IAudienceStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await CloseAsync(store);
        }
    }

    [Fact]
    public async Task An_empty_store_lists_nothing()
    {
        var store = await OpenAsync();

        Assert.Empty(store.List());
        Assert.Null(store.Get(1));
    }

    [Fact]
    public async Task Upserted_definitions_are_listed_in_id_order_and_read_back_as_given_with_the_time_of_the_write()
    {
        var store = await OpenAsync();
        store.Upsert(2, """{"name":"Two"}""");
        Time.Advance(TimeSpan.FromSeconds(5));
        store.Upsert(1, """{ "name" : "One",  "spacing":"kept" }""");

        var listed = store.List();

        Assert.Equal([1, 2], listed.Select(a => a.Id));
        Assert.Equal("""{ "name" : "One",  "spacing":"kept" }""", listed[0].DefinitionJson);
        Assert.Equal(Time.GetUtcNow().ToUnixTimeMilliseconds(), listed[0].UpdatedAtMs);
        Assert.Equal(Time.GetUtcNow().AddSeconds(-5).ToUnixTimeMilliseconds(), listed[1].UpdatedAtMs);
        Assert.Equal(listed[1], store.Get(2));
    }

    [Fact]
    public async Task Upserting_an_existing_id_replaces_its_definition_and_time()
    {
        var store = await OpenAsync();
        store.Upsert(7, """{"v":1}""");
        Time.Advance(TimeSpan.FromMinutes(1));
        store.Upsert(7, """{"v":2}""");

        var stored = Assert.Single(store.List());
        Assert.Equal(new StoredAudience(7, """{"v":2}""", Time.GetUtcNow().ToUnixTimeMilliseconds()), stored);
    }

    [Fact]
    public async Task Deleting_removes_the_definition_and_reports_whether_there_was_one()
    {
        var store = await OpenAsync();
        store.Upsert(1, "{}");
        store.Upsert(2, "{}");

        Assert.True(store.Delete(1));
        Assert.False(store.Delete(1));
        Assert.False(store.Delete(99));
        Assert.Null(store.Get(1));
        Assert.Equal([2], store.List().Select(a => a.Id));
    }

    [Fact]
    public async Task The_version_grows_on_every_upsert_and_delete_but_not_on_a_delete_of_nothing()
    {
        var store = await OpenAsync();
        var versions = new List<long> { store.Version };
        store.Upsert(1, "{}");
        versions.Add(store.Version);
        store.Upsert(1, "{}");
        versions.Add(store.Version);
        store.Upsert(2, "{}");
        versions.Add(store.Version);
        store.Delete(1);
        versions.Add(store.Version);

        Assert.All(versions.Zip(versions.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} does not follow {pair.First}."));
        var before = store.Version;
        store.Delete(42);
        Assert.Equal(before, store.Version);
        store.List();
        store.Get(2);
        Assert.Equal(before, store.Version);
    }

    [Fact]
    public async Task Definitions_and_version_survive_a_reopen_and_the_version_keeps_growing()
    {
        var store = await OpenAsync();
        store.Upsert(1, """{"a":1}""");
        store.Upsert(2, """{"b":2}""");
        store.Delete(2);
        var version = store.Version;

        var reopened = await ReopenAsync(store);

        Assert.Equal(version, reopened.Version);
        Assert.Equal([new StoredAudience(1, """{"a":1}""", Time.GetUtcNow().ToUnixTimeMilliseconds())], reopened.List());
        reopened.Delete(1);
        Assert.True(reopened.Version > version);
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_lose_no_write_and_each_write_moves_the_version()
    {
        var store = await OpenAsync();
        var start = store.Version;

        await Task.WhenAll(Enumerable.Range(1, 40).Select(id => Task.Run(() =>
        {
            store.Upsert(id, $$"""{"id":{{id}}}""");
            Assert.NotNull(store.Get(id));
            store.List();
        })));

        Assert.Equal(40, store.List().Count);
        Assert.Equal(start + 40, store.Version);
    }

    protected async Task<IAudienceStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }

    /// <summary>Closes the store and opens it again on the same data.</summary>
    protected async Task<IAudienceStore> ReopenAsync(IAudienceStore store)
    {
        await CloseAsync(store);
        _opened.Remove(store);
        return await OpenAsync();
    }

    private static async Task CloseAsync(IAudienceStore store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
