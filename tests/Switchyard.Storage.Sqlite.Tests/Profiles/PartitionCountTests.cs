using Switchyard.Core.Partitions;
using Switchyard.Storage.Sqlite.Inbox;
using Switchyard.Storage.Sqlite.Profiles;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Profiles;

/// <summary>The partition count is fixed when the stores are created: stored batches and cursors keep their numbers.</summary>
public sealed class PartitionCountTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new("partitions");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Opening_the_stores_with_another_partition_count_is_refused_with_a_message_naming_both_counts()
    {
        await (await SqliteInboxStore.OpenAsync(_data.Options with { Partitions = 16 }, TimeProvider.System)).DisposeAsync();
        await (await SqliteProfileStore.OpenAsync(_data.Options with { Partitions = 16 }, TimeProvider.System)).DisposeAsync();

        var inbox = await Assert.ThrowsAsync<PartitionCountMismatchException>(() => SqliteInboxStore.OpenAsync(_data.Options with { Partitions = 32 }, TimeProvider.System));
        var profiles = await Assert.ThrowsAsync<PartitionCountMismatchException>(() => SqliteProfileStore.OpenAsync(_data.Options with { Partitions = 32 }, TimeProvider.System));

        Assert.Contains("created with 16 user partitions, not 32", inbox.Message, StringComparison.Ordinal);
        Assert.Equal((16, 32), (profiles.Recorded, profiles.Wanted));

        // The refused opens released the directory: the right count opens.
        await using var reopened = await SqliteProfileStore.OpenAsync(_data.Options with { Partitions = 16 }, TimeProvider.System);
        Assert.Equal(16, reopened.PartitionCount);
        Assert.Equal(16, (await reopened.ReadPartitionCursorsAsync(default)).Count);
    }

    [Fact]
    public async Task A_store_from_before_partitions_starts_every_partition_at_its_old_checkpoint()
    {
        await using (var store = await SqliteProfileStore.OpenAsync(_data.Options, TimeProvider.System))
        {
            // What an older release left: one checkpoint row and no partition cursors.
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.DatabasePath}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE checkpoint SET sequence = 42; DELETE FROM partition_cursors;";
            command.ExecuteNonQuery();
        }

        await using var reopened = await SqliteProfileStore.OpenAsync(_data.Options, TimeProvider.System);

        Assert.Equal(42, await reopened.ReadCheckpointAsync(default));
        Assert.All(await reopened.ReadPartitionCursorsAsync(default), c => Assert.Equal(42, c));
        Assert.Equal(UserPartitions.DefaultCount, reopened.PartitionCount);
    }
}
