using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Privacy;
using Switchyard.Core.Profiles;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Profiles;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Privacy;

/// <summary>The profile store as a data subject request sees it (<see cref="ISubjectDataStore"/>).</summary>
public sealed class SqliteSubjectDataStoreTests : IAsyncLifetime
{
    private readonly TemporaryDataDirectory _data = new("subjects");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private SqliteProfileStore _store = null!;

    private ISubjectDataStore Subjects => _store;

    public async Task InitializeAsync()
    {
        _store = await SqliteProfileStore.OpenAsync(_data.Options, _time);
        using var session = await _store.BeginSessionAsync(default);
        session.Save(ProfileSamples.Minimal(7, customerId: "c-7"));
        session.Save(ProfileSamples.Minimal(8, customerId: "c-8"));
        await session.CommitAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_subject_found_by_identity_is_collected_and_then_erased_with_its_links()
    {
        Assert.Equal(7, await Subjects.FindMpidAsync(IdentityKeys.CustomerId, "c-7", default));
        var held = await Subjects.CollectAsync(7, default);
        Assert.NotNull(held);
        Assert.Contains(new KeyValuePair<string, string>(IdentityKeys.CustomerId, "c-7"), held.IdentityLinks);

        var subject = new DsrSubject();
        subject.Add(IdentityKeys.CustomerId, "c-7");
        Assert.Equal([7L], await Subjects.EraseAsync(subject, default));

        Assert.Null(await Subjects.FindMpidAsync(IdentityKeys.CustomerId, "c-7", default));
        Assert.Null(await Subjects.CollectAsync(7, default));
        Assert.NotNull(await Subjects.CollectAsync(8, default));
        Assert.Empty(await Subjects.EraseAsync(subject, default));
    }

    [Fact]
    public async Task An_erasure_whose_token_is_already_cancelled_throws_and_erases_nothing()
    {
        var subject = new DsrSubject();
        subject.Add(IdentityKeys.CustomerId, "c-7");
        subject.AddMpid(8);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Subjects.EraseAsync(subject, cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Subjects.FindMpidAsync(IdentityKeys.CustomerId, "c-7", cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Subjects.CollectAsync(7, cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Subjects.ProcessedThroughAsync(cancellation.Token));

        Assert.Equal(7, await Subjects.FindMpidAsync(IdentityKeys.CustomerId, "c-7", default));
        Assert.NotNull(await Subjects.CollectAsync(7, default));
        Assert.NotNull(await Subjects.CollectAsync(8, default));
    }
}
