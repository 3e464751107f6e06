using System.Text.Json;
using Microsoft.Data.Sqlite;
using Switchyard.Core.Privacy;
using Switchyard.Core.Storage;

namespace Switchyard.Storage.Sqlite.Privacy;

/// <summary>
/// <see cref="IDsrStore"/> on SQLite (<c>privacy.db</c>, WAL). Requests are few, so one connection behind a lock
/// serves every call; each change of a request commits with its callbacks and deletions in one transaction. The calls
/// finish synchronously (SQLite on a local file) and return completed tasks.
/// </summary>
public sealed partial class SqliteDsrStore : IDsrStore, IAsyncDisposable
{
    private const string FileName = "privacy.db";
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    private SqliteDsrStore(SqliteConnection connection, TimeProvider time, string path)
    {
        _connection = connection;
        _time = time;
        DatabasePath = path;
    }

    public string DatabasePath { get; }

    public static async Task<SqliteDsrStore> OpenAsync(SqliteStorageOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        PrivateFiles.CreateDirectory(options.DataDirectory);
        var path = Path.Combine(options.DataDirectory, FileName);
        var connection = await SqliteConnections.OpenAsync(SqliteConnections.ForDatabase(path), synchronousFull: true, cacheMegabytes: 0, cancellationToken).ConfigureAwait(false);
        try
        {
            // Finished requests lose their subject by overwriting: secure_delete keeps the old text out of free pages.
            await SqliteConnections.ExecuteAsync(connection, "PRAGMA secure_delete=ON;" + DsrSchema.Create, cancellationToken).ConfigureAwait(false);
            return new SqliteDsrStore(connection, time, path);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<bool> InsertAsync(DsrRecord request, IReadOnlyList<string> callbackBodies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(callbackBodies);
        return Locked(() =>
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = Command(transaction, DsrSchema.Insert);
            Bind(insert, request);
            if (insert.ExecuteNonQuery() == 0)
            {
                return false;
            }

            QueueCallbacks(transaction, request, callbackBodies);
            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<DsrRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Locked(() =>
        {
            using var command = Command(null, $"SELECT {DsrSchema.Columns} FROM dsr_requests WHERE id = $id;", ("$id", id));
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DsrRecord>> ListAsync(string? groupId, string? afterId, int limit, CancellationToken cancellationToken) => Locked<IReadOnlyList<DsrRecord>>(() =>
    {
        using var command = Command(
            null,
            $"SELECT {DsrSchema.Columns} FROM dsr_requests WHERE ($group IS NULL OR group_id = $group) AND id > $after ORDER BY id LIMIT $limit;",
            ("$group", (object?)groupId ?? DBNull.Value),
            ("$after", afterId ?? ""),
            ("$limit", limit));
        return ReadAll(command);
    }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DsrRecord>> ActiveAsync(int limit, CancellationToken cancellationToken) => Locked<IReadOnlyList<DsrRecord>>(() =>
    {
        using var command = Command(
            null,
            $"SELECT {DsrSchema.Columns} FROM dsr_requests WHERE status IN ('pending', 'in_progress') ORDER BY received_ms, id LIMIT $limit;",
            ("$limit", limit));
        return ReadAll(command);
    }, cancellationToken);

    /// <inheritdoc />
    public Task<bool> AdvanceAsync(
        string expectedStage,
        DsrRecord updated,
        IReadOnlyList<string> callbackBodies,
        IReadOnlyList<DsrDeletion> deletions,
        string? result,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expectedStage);
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(callbackBodies);
        ArgumentNullException.ThrowIfNull(deletions);
        return Locked(() =>
        {
            using var transaction = _connection.BeginTransaction();
            using var update = Command(transaction, DsrSchema.Update, ("$expected_stage", expectedStage), ("$result", (object?)result ?? DBNull.Value));
            Bind(update, updated);
            if (update.ExecuteNonQuery() == 0)
            {
                return false;
            }

            QueueCallbacks(transaction, updated, callbackBodies);
            foreach (var deletion in deletions)
            {
                using var insert = Command(
                    transaction,
                    DsrSchema.InsertDeletion,
                    ("$request", updated.Id),
                    ("$output", deletion.OutputId),
                    ("$kind", deletion.IdKind),
                    ("$ids", JsonSerializer.Serialize(deletion.Ids, DsrStoreJsonContext.Default.IReadOnlyListString)),
                    ("$now", Now()));
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> CancelAsync(string id, DateTimeOffset now, Func<DsrRecord, string> callbackBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(callbackBody);
        return Locked(() =>
        {
            using var transaction = _connection.BeginTransaction();
            using var update = Command(
                transaction,
                "UPDATE dsr_requests SET status = 'cancelled', stage = 'done', subject = NULL, expected_ms = NULL, completed_ms = $now WHERE id = $id AND status = 'pending';",
                ("$id", id),
                ("$now", now.ToUnixTimeMilliseconds()));
            if (update.ExecuteNonQuery() == 0)
            {
                return false;
            }

            using var select = Command(transaction, $"SELECT {DsrSchema.Columns} FROM dsr_requests WHERE id = $id;", ("$id", id));
            DsrRecord cancelled;
            using (var reader = select.ExecuteReader())
            {
                reader.Read();
                cancelled = Read(reader);
            }

            QueueCallbacks(transaction, cancelled, cancelled.CallbackUrls.Count == 0 ? [] : [callbackBody(cancelled)]);
            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string?> ResultAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Locked(() =>
        {
            using var command = Command(null, "SELECT result FROM dsr_requests WHERE id = $id;", ("$id", id));
            return command.ExecuteScalar() as string;
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="work"/> under the lock on the caller's thread (the driver has no asynchronous I/O, and a
    /// call is a few statements on a local file), unless the token is already cancelled; its result or exception comes
    /// back in the task, as from a truly asynchronous call.
    /// </summary>
    private Task<T> Locked<T>(Func<T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            lock (_lock)
            {
                return Task.FromResult(work());
            }
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private Task Locked(Action work, CancellationToken cancellationToken) => Locked(() =>
    {
        work();
        return true;
    }, cancellationToken);

    private void QueueCallbacks(SqliteTransaction transaction, DsrRecord request, IReadOnlyList<string> bodies)
    {
        foreach (var body in bodies)
        {
            foreach (var url in request.CallbackUrls)
            {
                using var insert = Command(transaction, DsrSchema.InsertCallback, ("$request", request.Id), ("$url", url), ("$body", body), ("$now", Now()));
                insert.ExecuteNonQuery();
            }
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static void Bind(SqliteCommand command, DsrRecord r)
    {
        static object Ms(DateTimeOffset? t) => t is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;
        command.Parameters.AddWithValue("$id", r.Id);
        command.Parameters.AddWithValue("$feed", r.FeedId);
        command.Parameters.AddWithValue("$regulation", r.Regulation);
        command.Parameters.AddWithValue("$type", DsrWireNames.Of(r.Type));
        command.Parameters.AddWithValue("$status", DsrWireNames.Of(r.Status));
        command.Parameters.AddWithValue("$submitted", r.SubmittedTime.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$received", r.ReceivedTime.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$expected", Ms(r.ExpectedCompletionTime));
        command.Parameters.AddWithValue("$not_before", r.NotBefore.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$group", (object?)r.GroupId ?? DBNull.Value);
        command.Parameters.AddWithValue("$callbacks", JsonSerializer.Serialize(r.CallbackUrls, DsrStoreJsonContext.Default.IReadOnlyListString));
        command.Parameters.AddWithValue("$stage", r.Stage);
        command.Parameters.AddWithValue("$subject", (object?)r.Subject ?? DBNull.Value);
        command.Parameters.AddWithValue("$mark", r.InboxMark);
        command.Parameters.AddWithValue("$sweep", Ms(r.SweepAt));
        command.Parameters.AddWithValue("$completed", Ms(r.CompletedTime));
        command.Parameters.AddWithValue("$count", (object?)r.ResultsCount ?? DBNull.Value);
    }

    private static List<DsrRecord> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var records = new List<DsrRecord>();
        while (reader.Read())
        {
            records.Add(Read(reader));
        }

        return records;
    }

    private static DsrRecord Read(SqliteDataReader reader)
    {
        static DateTimeOffset? Ms(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(i));
        return new DsrRecord
        {
            Id = reader.GetString(0),
            FeedId = reader.GetString(1),
            Regulation = reader.GetString(2),
            Type = DsrWireNames.RequestType(reader.GetString(3)) ?? throw new InvalidOperationException("Unknown stored DSR type."),
            Status = DsrWireNames.Status(reader.GetString(4)),
            SubmittedTime = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
            ReceivedTime = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
            ExpectedCompletionTime = Ms(reader, 7),
            NotBefore = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
            GroupId = reader.IsDBNull(9) ? null : reader.GetString(9),
            CallbackUrls = JsonSerializer.Deserialize(reader.GetString(10), DsrStoreJsonContext.Default.IReadOnlyListString) ?? [],
            Stage = reader.GetString(11),
            Subject = reader.IsDBNull(12) ? null : reader.GetString(12),
            InboxMark = reader.GetInt64(13),
            SweepAt = Ms(reader, 14),
            CompletedTime = Ms(reader, 15),
            ResultsCount = reader.IsDBNull(16) ? null : reader.GetInt32(16),
        };
    }
}
