using Microsoft.Extensions.Time.Testing;
using Switchyard.Storage.Sqlite.Audiences;
using Switchyard.Storage.Sqlite.Profiles;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Audiences;

/// <summary>SQLite-specific behaviour: which file the definitions live in and who may open it.</summary>
public sealed class SqliteAudienceStoreTests : IAsyncLifetime
{
    private readonly TemporaryDataDirectory _data = new("audiences");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private SqliteAudienceStore _store = null!;

    public async Task InitializeAsync() => _store = await OpenAsync();

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_second_store_on_the_same_directory_is_refused_while_the_first_is_open()
    {
        var error = await Assert.ThrowsAsync<IOException>(OpenAsync);

        Assert.Contains("in use by another Switchyard process", error.Message, StringComparison.Ordinal);
        Assert.Contains("audiences.lock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audience_store_and_the_profile_store_share_a_directory_in_files_of_their_own()
    {
        await using var profiles = await SqliteProfileStore.OpenAsync(_data.Options, _time);
        await _store.UpsertAsync(1, "{}", null, CancellationToken.None);

        Assert.Equal(Path.Combine(_data.Path, "audiences.db"), _store.DatabasePath);
        Assert.NotEqual(profiles.DatabasePath, _store.DatabasePath);
        Assert.NotNull(await _store.GetAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task Calls_after_dispose_fail_loudly()
    {
        await _store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.UpsertAsync(1, "{}", null, CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.ListAsync(CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.GetVersionAsync(CancellationToken.None));
        _store = await OpenAsync();
    }

    private Task<SqliteAudienceStore> OpenAsync() =>
        SqliteAudienceStore.OpenAsync(_data.Options, _time);
}
