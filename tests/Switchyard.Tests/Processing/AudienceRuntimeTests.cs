using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Processing;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Audiences;

namespace Switchyard.Tests.Processing;

/// <summary>A change of definitions is re-evaluated for every profile until that run completes, across restarts too.</summary>
public sealed class AudienceRuntimeTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-runtime-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private SqliteAudienceStore _store = null!;

    public async Task InitializeAsync() =>
        _store = await SqliteAudienceStore.OpenAsync(new SqliteStorageOptions { DataDirectory = _directory }, _time);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_new_data_directory_needs_no_full_evaluation_and_records_that_in_the_store()
    {
        var runtime = Runtime();

        Assert.False((await runtime.CurrentAsync(None)).NeedsFullEvaluation);
        Assert.Equal(new Core.Audiences.EvaluatedAudiences(await _store.GetVersionAsync(None), AudienceRuntime.Generation), await _store.GetEvaluatedAsync(None));
    }

    [Fact]
    public async Task A_change_needs_a_full_evaluation_until_it_is_marked_even_after_a_restart()
    {
        await Runtime().InitializeAsync(None);
        await _store.UpsertAsync(1, """{"id":1,"name":"Pro","criteria":{"attribute":"plan","operator":"equals","value":"pro"}}""", null, None);

        var (_, version, needs) = await Runtime().CurrentAsync(None);
        var afterCrash = await Runtime().CurrentAsync(None);
        var runtime = Runtime();
        await runtime.MarkEvaluatedAsync(version, None);

        Assert.True(needs);
        Assert.True(afterCrash.NeedsFullEvaluation);
        Assert.False((await runtime.CurrentAsync(None)).NeedsFullEvaluation);
        Assert.False((await Runtime().CurrentAsync(None)).NeedsFullEvaluation);
        Assert.Contains(1, (await runtime.CurrentAsync(None)).Evaluator.Evaluate(
            new Core.Profiles.Profile { Attributes = { ["plan"] = new Core.Profiles.StoredAttribute { Kind = Core.Ingest.Model.AttributeValueKind.String, Text = "pro" } } }, 0));
        Assert.Equal("Pro", runtime.NameOf(1));
    }

    [Fact]
    public async Task A_change_made_while_running_is_compiled_on_the_next_read()
    {
        var runtime = Runtime();
        var before = await runtime.CurrentAsync(None);
        await _store.UpsertAsync(2, """{"id":2,"name":"Gold","criteria":{"attribute":"tier","operator":"equals","value":"gold"}}""", null, None);

        var after = await runtime.CurrentAsync(None);

        Assert.True(after.Version > before.Version);
        Assert.True(after.NeedsFullEvaluation);
        Assert.Equal("Gold", runtime.NameOf(2));
    }

    [Fact]
    public async Task The_version_an_earlier_switchyard_kept_in_a_file_moves_into_the_store()
    {
        await _store.UpsertAsync(1, """{"id":1,"name":"Pro","criteria":{"attribute":"plan","operator":"equals","value":"pro"}}""", null, None);
        var version = await _store.GetVersionAsync(None);
        var file = Path.Combine(_directory, EvaluatedAudienceVersion.FileName);
        File.WriteAllText(file, $"{version} {AudienceRuntime.Generation}");

        var (_, _, needs) = await Runtime().CurrentAsync(None);

        Assert.False(needs);
        Assert.False(File.Exists(file));
        Assert.Equal(new Core.Audiences.EvaluatedAudiences(version, AudienceRuntime.Generation), await _store.GetEvaluatedAsync(None));
    }

    [Fact]
    public async Task A_data_directory_evaluated_before_the_expiry_index_existed_is_evaluated_in_full_once()
    {
        // What an earlier Switchyard wrote: the version alone, without the generation of the evaluation.
        File.WriteAllText(Path.Combine(_directory, EvaluatedAudienceVersion.FileName), (await _store.GetVersionAsync(None)).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (_, version, needs) = await Runtime().CurrentAsync(None);
        await Runtime().MarkEvaluatedAsync(version, None);

        Assert.True(needs);
        Assert.True((await Runtime().CurrentAsync(None)) is { NeedsFullEvaluation: false });
    }

    private AudienceRuntime Runtime() =>
        new(_store, new EvaluatedAudienceVersion(_directory), _time, NullLogger<AudienceRuntime>.Instance);
}
