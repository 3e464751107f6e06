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

    [Fact]
    public void A_new_data_directory_needs_no_full_evaluation()
    {
        var runtime = Runtime();

        Assert.False(runtime.Current().NeedsFullEvaluation);
    }

    [Fact]
    public void A_change_needs_a_full_evaluation_until_it_is_marked_even_after_a_restart()
    {
        Runtime();
        _store.Upsert(1, """{"id":1,"name":"Pro","criteria":{"attribute":"plan","operator":"equals","value":"pro"}}""");

        var (_, version, needs) = Runtime().Current();
        var afterCrash = Runtime().Current();
        var runtime = Runtime();
        runtime.MarkEvaluated(version);

        Assert.True(needs);
        Assert.True(afterCrash.NeedsFullEvaluation);
        Assert.False(runtime.Current().NeedsFullEvaluation);
        Assert.False(Runtime().Current().NeedsFullEvaluation);
        Assert.Contains(1, runtime.Current().Evaluator.Evaluate(
            new Core.Profiles.Profile { Attributes = { ["plan"] = new Core.Profiles.StoredAttribute { Kind = Core.Ingest.Model.AttributeValueKind.String, Text = "pro" } } }, 0));
    }

    [Fact]
    public void A_data_directory_evaluated_before_the_expiry_index_existed_is_evaluated_in_full_once()
    {
        Runtime();
        // What an earlier Switchyard wrote: the version alone, without the generation of the evaluation.
        File.WriteAllText(Path.Combine(_directory, EvaluatedAudienceVersion.FileName), _store.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (_, version, needs) = Runtime().Current();
        Runtime().MarkEvaluated(version);

        Assert.True(needs);
        Assert.False(Runtime().Current().NeedsFullEvaluation);
    }

    private AudienceRuntime Runtime() =>
        new(_store, new EvaluatedAudienceVersion(_directory), _time, NullLogger<AudienceRuntime>.Instance);
}
