using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Privacy;
using Switchyard.Core.Profiles;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Profiles;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Privacy;

/// <summary>What only the SQLite profile store does for an erasure; the shared behaviour is in <see cref="SqliteSubjectDataStoreComplianceTests"/>.</summary>
public sealed class SqliteSubjectDataStoreTests
{
    [Fact]
    public async Task An_erased_identity_is_left_neither_in_the_database_file_nor_in_its_write_ahead_log()
    {
        using var data = new TemporaryDataDirectory("subjects");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        const string Marker = "erase-me-5c1f0a";
        await using (var store = await SqliteProfileStore.OpenAsync(data.Options, time))
        {
            using (var session = await store.BeginSessionAsync(default))
            {
                session.Save(ProfileSamples.Minimal(7, customerId: Marker));
                session.Save(ProfileSamples.Minimal(8, customerId: "c-8"));
                await session.CommitAsync(default);
            }

            var subject = new DsrSubject();
            subject.Add(IdentityKeys.CustomerId, Marker);
            Assert.Equal([7L], await ((ISubjectDataStore)store).EraseAsync(subject, default));

            foreach (var file in Directory.GetFiles(data.Path, "profiles.db*"))
            {
                Assert.DoesNotContain(Marker, Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
            }
        }
    }
}
