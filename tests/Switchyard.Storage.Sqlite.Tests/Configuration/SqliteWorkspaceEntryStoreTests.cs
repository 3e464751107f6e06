using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Workspace;
using Switchyard.Storage.Sqlite.Configuration;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Configuration;

/// <summary>SQLite-specific behaviour: the file the entries (and their secrets) live in, and who may open it.</summary>
public sealed class SqliteWorkspaceEntryStoreTests : IAsyncLifetime
{
    private readonly TemporaryDataDirectory _data = new("workspace");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private SqliteWorkspaceEntryStore _store = null!;

    public async Task InitializeAsync() => _store = await SqliteWorkspaceEntryStore.OpenAsync(_data.Options, _time);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task The_entries_live_in_workspace_db_which_only_the_owner_may_read()
    {
        await _store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "shop", """{"secret":"s"}""", CancellationToken.None);

        Assert.Equal(Path.Combine(_data.Path, "workspace.db"), _store.DatabasePath);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_store.DatabasePath));
        }
    }

    [Fact]
    public async Task A_second_store_on_the_same_directory_is_refused_while_the_first_is_open()
    {
        var error = await Assert.ThrowsAsync<IOException>(() => SqliteWorkspaceEntryStore.OpenAsync(_data.Options, _time));

        Assert.Contains("workspace.lock", error.Message, StringComparison.Ordinal);
    }
}
