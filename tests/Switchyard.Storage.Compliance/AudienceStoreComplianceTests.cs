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

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_empty_store_lists_nothing_and_has_no_evaluated_version()
    {
        var store = await OpenAsync();

        Assert.Empty(await store.ListAsync(None));
        Assert.Null(await store.GetAsync(1, None));
        Assert.Null(await store.GetEvaluatedAsync(None));
    }

    [Fact]
    public async Task Upserted_definitions_are_listed_in_id_order_and_read_back_as_given_with_the_time_of_the_write()
    {
        var store = await OpenAsync();
        Assert.Equal(AudienceWrite.Of(AudienceWriteOutcome.Written, existed: false), await store.UpsertAsync(2, """{"name":"Two"}""", null, None));
        Time.Advance(TimeSpan.FromSeconds(5));
        await store.UpsertAsync(1, """{ "name" : "One",  "spacing":"kept" }""", null, None);

        var listed = await store.ListAsync(None);

        Assert.Equal([1, 2], listed.Select(a => a.Id));
        Assert.Equal("""{ "name" : "One",  "spacing":"kept" }""", listed[0].DefinitionJson);
        Assert.Equal(Time.GetUtcNow().ToUnixTimeMilliseconds(), listed[0].UpdatedAtMs);
        Assert.Equal(Time.GetUtcNow().AddSeconds(-5).ToUnixTimeMilliseconds(), listed[1].UpdatedAtMs);
        Assert.Equal(listed[1], await store.GetAsync(2, None));
    }

    [Fact]
    public async Task Upserting_an_existing_id_replaces_its_definition_and_time_and_the_same_text_writes_nothing()
    {
        var store = await OpenAsync();
        await store.UpsertAsync(7, """{"v":1}""", null, None);
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(AudienceWrite.Of(AudienceWriteOutcome.Written, existed: true), await store.UpsertAsync(7, """{"v":2}""", null, None));
        var written = Time.GetUtcNow().ToUnixTimeMilliseconds();
        var version = await store.GetVersionAsync(None);

        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(AudienceWrite.Of(AudienceWriteOutcome.Unchanged, existed: true), await store.UpsertAsync(7, """{"v":2}""", null, None));

        var stored = Assert.Single(await store.ListAsync(None));
        Assert.Equal(new StoredAudience(7, """{"v":2}""", written), stored);
        Assert.Equal(version, await store.GetVersionAsync(None));
    }

    [Fact]
    public async Task Deleting_removes_the_definition_and_reports_whether_there_was_one()
    {
        var store = await OpenAsync();
        await store.UpsertAsync(1, "{}", null, None);
        await store.UpsertAsync(2, "{}", null, None);

        Assert.Equal(AudienceWrite.Of(AudienceWriteOutcome.Written, existed: true), await store.DeleteAsync(1, null, None));
        Assert.Equal(AudienceWriteOutcome.NotFound, (await store.DeleteAsync(1, null, None)).Outcome);
        Assert.Equal(AudienceWriteOutcome.NotFound, (await store.DeleteAsync(99, null, None)).Outcome);
        Assert.Null(await store.GetAsync(1, None));
        Assert.Equal([2], (await store.ListAsync(None)).Select(a => a.Id));
    }

    [Fact]
    public async Task The_version_grows_on_every_change_but_not_on_reads_unchanged_text_or_a_delete_of_nothing()
    {
        var store = await OpenAsync();
        var versions = new List<long> { await store.GetVersionAsync(None) };
        await store.UpsertAsync(1, "{}", null, None);
        versions.Add(await store.GetVersionAsync(None));
        await store.UpsertAsync(1, """{"changed":true}""", null, None);
        versions.Add(await store.GetVersionAsync(None));
        await store.UpsertAsync(2, "{}", null, None);
        versions.Add(await store.GetVersionAsync(None));
        await store.DeleteAsync(1, null, None);
        versions.Add(await store.GetVersionAsync(None));

        Assert.All(versions.Zip(versions.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} does not follow {pair.First}."));
        var before = await store.GetVersionAsync(None);
        await store.DeleteAsync(42, null, None);
        await store.UpsertAsync(2, "{}", null, None);
        await store.ListAsync(None);
        await store.GetAsync(2, None);
        Assert.Equal(before, await store.GetVersionAsync(None));
    }

    [Fact]
    public async Task A_rule_sees_the_current_definition_and_the_others_and_a_refusal_writes_nothing()
    {
        var store = await OpenAsync();
        await store.UpsertAsync(1, """{"a":1}""", null, None);
        await store.UpsertAsync(2, """{"b":2}""", null, None);
        var version = await store.GetVersionAsync(None);
        StoredAudience? seenCurrent = null;
        IReadOnlyList<StoredAudience> seenOthers = [];
        AudienceValidationError problem = new("id", "refused for the test");

        var refused = await store.UpsertAsync(1, """{"a":2}""", (current, others) =>
        {
            (seenCurrent, seenOthers) = (current, others);
            return [problem];
        }, None);
        var refusedDelete = await store.DeleteAsync(2, (_, _) => [problem], None);

        Assert.Equal((AudienceWriteOutcome.Refused, true), (refused.Outcome, refused.Existed));
        Assert.Equal([problem], refused.Problems);
        Assert.Equal([problem], refusedDelete.Problems);
        Assert.Equal(AudienceWriteOutcome.Refused, refusedDelete.Outcome);
        Assert.Equal("""{"a":1}""", seenCurrent?.DefinitionJson);
        Assert.Equal([2], seenOthers.Select(a => a.Id));
        Assert.Equal("""{"a":1}""", (await store.GetAsync(1, None))?.DefinitionJson);
        Assert.NotNull(await store.GetAsync(2, None));
        Assert.Equal(version, await store.GetVersionAsync(None));

        var created = await store.UpsertAsync(3, "{}", (current, others) => current is null && others.Count == 2 ? [] : [problem], None);
        Assert.Equal(AudienceWriteOutcome.Written, created.Outcome);
    }

    [Fact]
    public async Task Rules_are_checked_against_every_write_before_them_so_concurrent_writers_cannot_all_pass()
    {
        var store = await OpenAsync();
        AudienceRule atMostFive = (_, others) => others.Count >= 5 ? [new AudienceValidationError("id", "five is the limit")] : [];

        var writes = await Task.WhenAll(Enumerable.Range(1, 30).Select(id => Task.Run(() => store.UpsertAsync(id, "{}", atMostFive, None))));

        Assert.Equal(5, writes.Count(w => w.Outcome == AudienceWriteOutcome.Written));
        Assert.Equal(25, writes.Count(w => w.Outcome == AudienceWriteOutcome.Refused));
        Assert.Equal(5, (await store.ListAsync(None)).Count);
    }

    [Fact]
    public async Task The_evaluated_version_is_replaced_and_survives_a_reopen_with_the_definitions_and_version()
    {
        var store = await OpenAsync();
        await store.UpsertAsync(1, """{"a":1}""", null, None);
        await store.UpsertAsync(2, """{"b":2}""", null, None);
        await store.DeleteAsync(2, null, None);
        var version = await store.GetVersionAsync(None);
        await store.SetEvaluatedAsync(new EvaluatedAudiences(version - 1, "old"), None);
        await store.SetEvaluatedAsync(new EvaluatedAudiences(version, "current"), None);

        var reopened = await ReopenAsync(store);

        Assert.Equal(version, await reopened.GetVersionAsync(None));
        Assert.Equal(new EvaluatedAudiences(version, "current"), await reopened.GetEvaluatedAsync(None));
        Assert.Equal([new StoredAudience(1, """{"a":1}""", Time.GetUtcNow().ToUnixTimeMilliseconds())], await reopened.ListAsync(None));
        await reopened.DeleteAsync(1, null, None);
        Assert.True(await reopened.GetVersionAsync(None) > version);
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_lose_no_write_and_each_write_moves_the_version()
    {
        var store = await OpenAsync();
        var start = await store.GetVersionAsync(None);

        await Task.WhenAll(Enumerable.Range(1, 40).Select(id => Task.Run(async () =>
        {
            await store.UpsertAsync(id, $$"""{"id":{{id}}}""", null, None);
            Assert.NotNull(await store.GetAsync(id, None));
            await store.ListAsync(None);
        })));

        Assert.Equal(40, (await store.ListAsync(None)).Count);
        Assert.Equal(start + 40, await store.GetVersionAsync(None));
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
