using System.Globalization;
using System.Text;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Processing;

namespace Switchyard.Core.Partitions;

/// <summary>
/// Which user partition a batch belongs to. Processing keeps order within a partition and runs partitions in parallel,
/// so a user's batches should share one: the key is the strongest identity the batch carries — its MPID, else its
/// first user identity (customer id first, as mParticle's identity priority has it), else its first device identity.
/// A batch with none (a new anonymous user) has no key and may go to any partition. The same user can still arrive
/// under two keys (a browser batch with an MPID, a server batch with only a customer id); profile writes are
/// version-checked (<see cref="Profiles.IProfileSession"/>), so that costs order between the two, never an update.
/// </summary>
public static class UserPartitions
{
    /// <summary>The default number of partitions a new store is created with.</summary>
    public const int DefaultCount = 256;

    /// <summary>The most partitions a store may have.</summary>
    public const int MaxCount = 65_536;

    /// <summary>The partition key of a batch, or null when it names nobody.</summary>
    public static string? KeyOf(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Mpid is { } mpid && mpid != 0)
        {
            return "mpid:" + mpid.ToString(CultureInfo.InvariantCulture);
        }

        var ids = BatchIdentities.Of(batch);
        foreach (var (key, value) in ids.User)
        {
            return key + ":" + value;
        }

        foreach (var (field, value) in ids.Device)
        {
            return Profiles.IdentityKeys.Device(field) + ":" + value;
        }

        return null;
    }

    /// <summary>
    /// The partition a user's outbox items belong to, whichever key their batches arrived under: that of the key
    /// <c>mpid:</c> + the MPID, so all of a user's items at an output are delivered by one owner, in order.
    /// </summary>
    public static int OfMpid(long mpid, int count) => Of("mpid:" + mpid.ToString(CultureInfo.InvariantCulture), count);

    /// <summary>
    /// The partition of a key among <paramref name="count"/>: 32-bit FNV-1a over its UTF-8 bytes, modulo the count. Fixed
    /// for good, since stored batches keep the partition it gave.
    /// </summary>
    public static int Of(string key, int count)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[256];
        ReadOnlySpan<byte> bytes = Encoding.UTF8.GetByteCount(key) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(key, buffer)] : Encoding.UTF8.GetBytes(key);
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)count);
    }
}
