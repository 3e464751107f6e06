using System.Globalization;
using Npgsql;

namespace Switchyard.Storage.Postgres;

/// <summary>Adding a range partition to a partitioned table, as the inbox's segments and the retention partitions do.</summary>
internal static class PartitionTables
{
    /// <summary>
    /// Adds to <paramref name="batch"/> the statements that make <paramref name="name"/> the partition of
    /// <paramref name="parent"/> for <c>[lower, upper)</c>. The table is created apart and then attached:
    /// <c>CREATE TABLE … PARTITION OF</c> would lock the parent exclusively until the transaction ends, stalling every
    /// reader, while <c>ATTACH PARTITION</c> takes a lock that readers and inserts pass (and checks the bounds of an empty
    /// table, which is instant). Names are constants of this assembly and bounds numbers formatted here, never input.
    /// </summary>
    public static void AddCreateAndAttach(NpgsqlBatch batch, string parent, string name, long lower, long upper)
    {
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"CREATE TABLE {name} (LIKE {parent} INCLUDING ALL)"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(string.Create(
            CultureInfo.InvariantCulture, $"ALTER TABLE {parent} ATTACH PARTITION {name} FOR VALUES FROM ({lower}) TO ({upper})")));
    }
}
