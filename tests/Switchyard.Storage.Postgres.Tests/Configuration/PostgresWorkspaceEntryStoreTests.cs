using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchyard.Core.Workspace;
using Switchyard.Storage.Postgres.Configuration;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Configuration;

/// <summary>What matters when several nodes share one database: two stores on it stand for two nodes.</summary>
public sealed class PostgresWorkspaceEntryStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private TemporaryDatabase _database = null!;
    private PostgresWorkspaceEntryStore _first = null!;
    private PostgresWorkspaceEntryStore _second = null!;

    public async Task InitializeAsync()
    {
        _database = await TemporaryDatabase.CreateAsync();
        var nodes = await Task.WhenAll(OpenAsync(), OpenAsync());
        (_first, _second) = (nodes[0], nodes[1]);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_second_node_sees_the_first_nodes_saves_and_deletions_without_reopening()
    {
        await _first.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", """{"v":1}""", None);
        await _first.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Output, "braze", "{}", None);

        Assert.Equal(await _first.WorkspaceEntriesAsync(None), await _second.WorkspaceEntriesAsync(None));

        Assert.True(await _second.DeleteWorkspaceEntryAsync(WorkspaceEntryKind.Output, "braze", None));
        await _second.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", """{"v":2}""", None);

        var seen = Assert.Single(await _first.WorkspaceEntriesAsync(None));
        Assert.Equal((WorkspaceEntryKind.Input, "shop", """{"v":2}"""), (seen.Kind, seen.Id, seen.Json));
        Assert.False(await _first.DeleteWorkspaceEntryAsync(WorkspaceEntryKind.Output, "braze", None));
    }

    [Fact]
    public async Task Two_nodes_deleting_the_same_entry_at_once_find_it_exactly_once()
    {
        await _first.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Connection, "shop/braze", "{}", None);

        var deleted = await Task.WhenAll(Enumerable.Range(0, 10).Select(attempt => Task.Run(() =>
            Node(attempt).DeleteWorkspaceEntryAsync(WorkspaceEntryKind.Connection, "shop/braze", None))));

        Assert.Single(deleted, d => d);
        Assert.Empty(await _second.WorkspaceEntriesAsync(None));
    }

    [Fact]
    public async Task Saves_of_one_entry_from_two_nodes_at_once_leave_one_row_holding_one_of_them()
    {
        var bodies = Enumerable.Range(0, 10).Select(attempt => $$"""{"attempt":{{attempt}}}""").ToList();

        await Task.WhenAll(bodies.Select((body, attempt) => Task.Run(() =>
            Node(attempt).SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", body, None))));

        Assert.Contains(Assert.Single(await _first.WorkspaceEntriesAsync(None)).Json, bodies);
    }

    [Fact]
    public async Task An_entry_of_a_kind_this_version_does_not_know_is_kept_but_not_listed()
    {
        await _first.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", "{}", None);
        await using var source = NpgsqlDataSource.Create(_database.ConnectionString);
        await using (var newer = source.CreateCommand("INSERT INTO workspace_entries (kind, id, entry_json, updated_at_ms) VALUES ('webhook', 'w', '{}', 0)"))
        {
            await newer.ExecuteNonQueryAsync();
        }

        Assert.Equal("shop", Assert.Single(await _second.WorkspaceEntriesAsync(None)).Id);
        await using var count = source.CreateCommand("SELECT count(*) FROM workspace_entries");
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Entries_changed_in_the_same_millisecond_are_listed_by_kind_then_id_compared_byte_by_byte_whatever_the_database_locale()
    {
        // The test cluster's databases sort as C.UTF-8 does; a database made for US English (ICU) sorts "_z" before "A".
        var name = "switchyard_test_en_" + Guid.NewGuid().ToString("N");
        await AdminAsync($"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
        try
        {
            var options = new PostgresStorageOptions { ConnectionString = new NpgsqlConnectionStringBuilder(TemporaryDatabase.Server) { Database = name }.ConnectionString };
            await using var store = await PostgresWorkspaceEntryStore.OpenAsync(options, _time);
            string[] ids = ["b", "a/b", "A", "a-b", "_z"];
            foreach (var id in ids)
            {
                await store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Output, id, "{}", None);
            }

            await store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "z", "{}", None);

            var listed = await store.WorkspaceEntriesAsync(None);

            Assert.Equal(["z", .. ids.Order(StringComparer.Ordinal)], listed.Select(e => e.Id));
        }
        finally
        {
            await AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Calls_after_dispose_fail_loudly()
    {
        await _second.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => _second.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", "{}", None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _second.WorkspaceEntriesAsync(None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _second.DeleteWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", None));
        _second = await OpenAsync();
    }

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(TemporaryDatabase.Server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    private PostgresWorkspaceEntryStore Node(int index) => index % 2 == 0 ? _first : _second;

    private Task<PostgresWorkspaceEntryStore> OpenAsync() => PostgresWorkspaceEntryStore.OpenAsync(_database.Options, _time);
}
