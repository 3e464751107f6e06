using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchyard.Core.Audiences;
using Switchyard.Storage.Postgres.Audiences;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Audiences;

/// <summary>
/// What matters when several nodes share one database: two stores on it, each with a connection pool of its own, stand
/// for two nodes. Whatever order their writes land in, the rules each write carries hold for the set.
/// </summary>
public sealed class PostgresAudienceStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private TemporaryDatabase _database = null!;
    private PostgresAudienceStore _first = null!;
    private PostgresAudienceStore _second = null!;

    public async Task InitializeAsync()
    {
        _database = await TemporaryDatabase.CreateAsync();
        var nodes = await Task.WhenAll(OpenAsync(), OpenAsync());
        (_first, _second) = (nodes[0], nodes[1]);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_second_node_sees_the_first_nodes_changes_version_and_evaluation_without_reopening()
    {
        await _first.UpsertAsync(1, """{"a":1}""", null, None);
        await _first.UpsertAsync(2, """{"b":2}""", null, None);
        Assert.Equal(await _first.GetVersionAsync(None), await _second.GetVersionAsync(None));
        Assert.Equal(await _first.ListAsync(None), await _second.ListAsync(None));

        await _second.DeleteAsync(1, null, None);
        await _second.SetEvaluatedAsync(new EvaluatedAudiences(await _second.GetVersionAsync(None), "g1"), None);

        Assert.Null(await _first.GetAsync(1, None));
        Assert.Equal(await _second.GetVersionAsync(None), await _first.GetVersionAsync(None));
        Assert.Equal(new EvaluatedAudiences(await _first.GetVersionAsync(None), "g1"), await _first.GetEvaluatedAsync(None));
    }

    [Fact]
    public async Task Two_nodes_creating_the_same_audience_at_once_write_it_once_and_every_other_attempt_is_refused()
    {
        var start = await _first.GetVersionAsync(None);
        AudienceRule createOnly = (current, _) => current is null ? [] : [new AudienceValidationError("id", "audience 7 exists.")];

        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(attempt => Task.Run(() =>
            Node(attempt).UpsertAsync(7, $$"""{"attempt":{{attempt}}}""", createOnly, None))));

        var winner = Assert.Single(attempts.Index(), a => a.Item.Outcome == AudienceWriteOutcome.Written);
        Assert.False(winner.Item.Existed);
        Assert.All(attempts.Where((_, index) => index != winner.Index), a => Assert.Equal((AudienceWriteOutcome.Refused, true), (a.Outcome, a.Existed)));
        Assert.Equal($$"""{"attempt":{{winner.Index}}}""", (await _second.GetAsync(7, None))?.DefinitionJson);
        Assert.Equal(start + 1, await _second.GetVersionAsync(None));
    }

    [Fact]
    public async Task Two_nodes_editing_the_same_version_of_an_audience_at_once_one_wins_and_the_other_finds_it_changed()
    {
        await _first.UpsertAsync(3, """{"v":1}""", null, None);
        var read = await _second.GetAsync(3, None);
        AudienceRule unchangedSinceRead = (current, _) =>
            current == read ? [] : [new AudienceValidationError("id", "audience 3 changed since it was read.")];

        var edits = await Task.WhenAll(
            Task.Run(() => _first.UpsertAsync(3, """{"v":"first"}""", unchangedSinceRead, None)),
            Task.Run(() => _second.UpsertAsync(3, """{"v":"second"}""", unchangedSinceRead, None)));

        Assert.Single(edits, e => e.Outcome == AudienceWriteOutcome.Written);
        Assert.Single(edits, e => e.Outcome == AudienceWriteOutcome.Refused);
        var stored = await _first.GetAsync(3, None);
        Assert.Equal(edits[0].Outcome == AudienceWriteOutcome.Written ? """{"v":"first"}""" : """{"v":"second"}""", stored?.DefinitionJson);
    }

    [Fact]
    public async Task A_delete_on_one_node_and_a_new_reference_to_the_same_audience_on_another_never_both_succeed()
    {
        var referenced = Definition("""{"id":1,"name":"Plan holders","criteria":{"attribute":"plan","operator":"exists"}}""");
        var user = Definition("""{"id":2,"name":"Uses one","criteria":{"member_of":1}}""");
        for (var round = 0; round < 10; round++)
        {
            await _first.UpsertAsync(1, AudienceDefinitionParser.Serialize(referenced), null, None);
            await _first.DeleteAsync(2, null, None);

            var (deleter, saver) = round % 2 == 0 ? (_first, _second) : (_second, _first);
            var delete = Task.Run(() => deleter.DeleteAsync(1, AudienceEditRules.ForDelete(1), None));
            var save = Task.Run(() => saver.UpsertAsync(2, AudienceDefinitionParser.Serialize(user), AudienceEditRules.ForSave(user), None));
            var outcomes = await Task.WhenAll(delete, save);

            Assert.Single(outcomes, o => o.Outcome == AudienceWriteOutcome.Written);
            Assert.Single(outcomes, o => o.Outcome == AudienceWriteOutcome.Refused);
            var stored = (await _second.ListAsync(None)).Select(a => a.Id).ToList();
            Assert.Equal(outcomes[0].Outcome == AudienceWriteOutcome.Written ? [] : [1, 2], stored);
        }
    }

    [Fact]
    public async Task Writes_take_turns_even_where_the_database_defaults_to_a_stricter_isolation_level()
    {
        await using (var admin = new NpgsqlConnection(_database.ConnectionString))
        {
            await admin.OpenAsync();
            await using var strict = new NpgsqlCommand($"ALTER DATABASE {_database.Name} SET default_transaction_isolation = 'serializable'", admin);
            await strict.ExecuteNonQueryAsync();
        }

        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        AudienceRule createOnly = (current, _) => current is null ? [] : [new AudienceValidationError("id", "audience 8 exists.")];

        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(attempt => Task.Run(() =>
            (attempt % 2 == 0 ? first : second).UpsertAsync(8, "{}", createOnly, None))));

        Assert.Single(attempts, a => a.Outcome == AudienceWriteOutcome.Written);
        Assert.Equal(11, attempts.Count(a => a.Outcome == AudienceWriteOutcome.Refused));
    }

    [Fact]
    public async Task Writes_from_two_nodes_each_move_the_one_shared_version()
    {
        var start = await _first.GetVersionAsync(None);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(id => Task.Run(() => Node(id).UpsertAsync(id, "{}", null, None))));

        Assert.Equal(start + 20, await _first.GetVersionAsync(None));
        Assert.Equal(start + 20, await _second.GetVersionAsync(None));
        Assert.Equal(20, (await _second.ListAsync(None)).Count);
    }

    [Fact]
    public async Task A_write_waiting_for_another_nodes_turn_gives_up_when_cancelled_and_writes_nothing()
    {
        var start = await _first.GetVersionAsync(None);
        await using var other = new NpgsqlConnection(_database.ConnectionString);
        await other.OpenAsync();
        await using (var turn = await other.BeginTransactionAsync())
        {
            await using var hold = new NpgsqlCommand("SELECT version FROM audience_version WHERE id = 1 FOR UPDATE", other);
            await hold.ExecuteScalarAsync();
            using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

            // The write cannot finish while the other transaction holds the turn, so only the cancellation can end it.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _second.UpsertAsync(1, "{}", null, giveUp.Token));
        }

        Assert.Null(await _first.GetAsync(1, None));
        Assert.Equal(start, await _first.GetVersionAsync(None));
        Assert.Equal(AudienceWriteOutcome.Written, (await _second.UpsertAsync(1, "{}", null, None)).Outcome);
    }

    [Fact]
    public async Task Calls_after_dispose_fail_loudly()
    {
        await _second.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => _second.UpsertAsync(1, "{}", null, None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _second.ListAsync(None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _second.GetVersionAsync(None));
        _second = await OpenAsync();
    }

    [Fact]
    public async Task The_audience_tables_are_recorded_as_their_own_component_of_the_schema()
    {
        await using var source = NpgsqlDataSource.Create(_database.ConnectionString);
        await using var command = source.CreateCommand("SELECT version FROM switchyard_schema WHERE component = 'audiences'");

        Assert.Equal(AudienceSchema.Migrations.Length, (int)(await command.ExecuteScalarAsync())!);
    }

    private PostgresAudienceStore Node(int index) => index % 2 == 0 ? _first : _second;

    private Task<PostgresAudienceStore> OpenAsync() => PostgresAudienceStore.OpenAsync(_database.Options, _time);

    private static AudienceDefinition Definition(string json) =>
        AudienceDefinitionParser.Parse(json).Definition ?? throw new InvalidOperationException($"Not a valid definition: {json}");
}
