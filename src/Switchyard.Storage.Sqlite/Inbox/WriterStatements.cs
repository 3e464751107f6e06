using Microsoft.Data.Sqlite;

namespace Switchyard.Storage.Sqlite.Inbox;

/// <summary>The writer's prepared statements and their parameters, reused for every row.</summary>
internal sealed class WriterStatements : IDisposable
{
    private readonly ClaimStatement _claimRequest;
    private readonly ClaimStatement _claimMessage;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _insertSeq;
    private readonly SqliteParameter _insertFeed;
    private readonly SqliteParameter _insertRid;
    private readonly SqliteParameter _insertNow;
    private readonly SqliteParameter _insertPayload;
    private readonly SqliteParameter _insertHistorical;
    private readonly SqliteParameter _insertPartition;

    public WriterStatements(SqliteConnection connection)
    {
        _claimRequest = new ClaimStatement(connection, InboxSchema.ClaimDedupeKey, "$rid");
        _claimMessage = new ClaimStatement(connection, InboxSchema.ClaimMessageId, "$mid");
        _insert = connection.CreateCommand();
        _insert.CommandText = InboxSchema.Insert;
        _insertSeq = _insert.Parameters.Add("$seq", SqliteType.Integer);
        _insertFeed = _insert.Parameters.Add("$feed", SqliteType.Text);
        _insertRid = _insert.Parameters.Add("$rid", SqliteType.Text);
        _insertNow = _insert.Parameters.Add("$now", SqliteType.Integer);
        _insertPayload = _insert.Parameters.Add("$payload", SqliteType.Blob);
        _insertHistorical = _insert.Parameters.Add("$historical", SqliteType.Integer);
        _insertPartition = _insert.Parameters.Add("$partition", SqliteType.Integer);
    }

    public void SetTimes(long nowMs, long dedupeCutoffMs)
    {
        _insertNow.Value = nowMs;
        _claimRequest.SetTimes(nowMs, dedupeCutoffMs);
        _claimMessage.SetTimes(nowMs, dedupeCutoffMs);
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _claimRequest.Enlist(transaction);
        _claimMessage.Enlist(transaction);
        _insert.Transaction = transaction;
    }

    /// <summary>True when the key is new (or had expired) and now belongs to this batch; false for a duplicate.</summary>
    public bool ClaimDedupeKey(string feedId, string sourceRequestId) => _claimRequest.Claim(feedId, sourceRequestId);

    /// <summary>True when the event id is new (or had expired) on this feed and now belongs to this batch; false for a repeat.</summary>
    public bool ClaimMessageId(string feedId, string sourceMessageId) => _claimMessage.Claim(feedId, sourceMessageId);

    public void Insert(long sequence, string feedId, string? sourceRequestId, byte[] payload, bool historical, int partition)
    {
        _insertPartition.Value = partition;
        _insertHistorical.Value = historical ? 1 : 0;
        _insertSeq.Value = sequence;
        _insertFeed.Value = feedId;
        _insertRid.Value = (object?)sourceRequestId ?? DBNull.Value;
        _insertPayload.Value = payload;
        _insert.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _claimRequest.Dispose();
        _claimMessage.Dispose();
        _insert.Dispose();
    }

    /// <summary>One "claim this key on this feed unless a live claim holds it" statement (request ids and message ids alike).</summary>
    private sealed class ClaimStatement : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _feed;
        private readonly SqliteParameter _key;
        private readonly SqliteParameter _now;
        private readonly SqliteParameter _cutoff;

        public ClaimStatement(SqliteConnection connection, string sql, string keyParameter)
        {
            _command = connection.CreateCommand();
            _command.CommandText = sql;
            _feed = _command.Parameters.Add("$feed", SqliteType.Text);
            _key = _command.Parameters.Add(keyParameter, SqliteType.Text);
            _now = _command.Parameters.Add("$now", SqliteType.Integer);
            _cutoff = _command.Parameters.Add("$cutoff", SqliteType.Integer);
        }

        public void SetTimes(long nowMs, long cutoffMs)
        {
            _now.Value = nowMs;
            _cutoff.Value = cutoffMs;
        }

        public void Enlist(SqliteTransaction transaction) => _command.Transaction = transaction;

        public bool Claim(string feedId, string key)
        {
            _feed.Value = feedId;
            _key.Value = key;
            return _command.ExecuteNonQuery() != 0;
        }

        public void Dispose() => _command.Dispose();
    }
}
