using Switchyard.Core.Privacy;
using Switchyard.Storage.Sqlite.Privacy;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Privacy;

/// <summary>What only the SQLite store of data subject requests does; the shared behaviour is in <see cref="SqliteDsrStoreComplianceTests"/>.</summary>
public sealed class SqliteDsrStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Requests_are_kept_in_a_file_of_their_own_in_the_data_directory()
    {
        using var directory = new TemporaryDataDirectory("dsr");
        await using var store = await SqliteDsrStore.OpenAsync(directory.Options, TimeProvider.System);

        await store.InsertAsync(
            new DsrRecord
            {
                Id = "r-1",
                FeedId = "app",
                Regulation = "gdpr",
                Type = DsrRequestType.Access,
                Status = DsrStatus.Pending,
                SubmittedTime = Now,
                ReceivedTime = Now,
                NotBefore = Now,
            },
            [],
            default);

        Assert.Equal(Path.Combine(directory.Path, "privacy.db"), store.DatabasePath);
        Assert.True(File.Exists(store.DatabasePath));
    }
}
