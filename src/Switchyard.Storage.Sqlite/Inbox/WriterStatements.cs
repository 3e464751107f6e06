using Microsoft.Data.Sqlite;

namespace Switchyard.Storage.Sqlite.Inbox;

/// <summary>The writer's prepared statements and their parameters, reused for every row.</summary>
internal sealed class WriterStatements : IDisposable
{
    private readonly SqliteCommand _claim;
    private readonly SqliteParameter _claimFeed;
    private readonly SqliteParameter _claimRid;
    private readonly SqliteParameter _claimNow;
    private readonly SqliteParameter _claimCutoff;
    private readonly SqliteCommand _claimMessage;
    private readonly SqliteParameter _claimMessageFeed;
    private readonly SqliteParameter _claimMessageId;
    private readonly SqliteParameter _claimMessageNow;
    private readonly SqliteParameter _claimMessageCutoff;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _insertSeq;
    private readonly SqliteParameter _insertFeed;
    private readonly SqliteParameter _insertRid;
    private readonly SqliteParameter _insertNow;
    private readonly SqliteParameter _insertPayload;

    public WriterStatements(SqliteConnection connection)
    {
        _claim = connection.CreateCommand();
        _claim.CommandText = InboxSchema.ClaimDedupeKey;
        _claimFeed = _claim.Parameters.Add("$feed", SqliteType.Text);
        _claimRid = _claim.Parameters.Add("$rid", SqliteType.Text);
        _claimNow = _claim.Parameters.Add("$now", SqliteType.Integer);
        _claimCutoff = _claim.Parameters.Add("$cutoff", SqliteType.Integer);
        _claimMessage = connection.CreateCommand();
        _claimMessage.CommandText = InboxSchema.ClaimMessageId;
        _claimMessageFeed = _claimMessage.Parameters.Add("$feed", SqliteType.Text);
        _claimMessageId = _claimMessage.Parameters.Add("$mid", SqliteType.Text);
        _claimMessageNow = _claimMessage.Parameters.Add("$now", SqliteType.Integer);
        _claimMessageCutoff = _claimMessage.Parameters.Add("$cutoff", SqliteType.Integer);
        _insert = connection.CreateCommand();
        _insert.CommandText = InboxSchema.Insert;
        _insertSeq = _insert.Parameters.Add("$seq", SqliteType.Integer);
        _insertFeed = _insert.Parameters.Add("$feed", SqliteType.Text);
        _insertRid = _insert.Parameters.Add("$rid", SqliteType.Text);
        _insertNow = _insert.Parameters.Add("$now", SqliteType.Integer);
        _insertPayload = _insert.Parameters.Add("$payload", SqliteType.Blob);
    }

    public void SetTimes(long nowMs, long dedupeCutoffMs)
    {
        _claimNow.Value = nowMs;
        _insertNow.Value = nowMs;
        _claimCutoff.Value = dedupeCutoffMs;
        _claimMessageNow.Value = nowMs;
        _claimMessageCutoff.Value = dedupeCutoffMs;
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _claim.Transaction = transaction;
        _claimMessage.Transaction = transaction;
        _insert.Transaction = transaction;
    }

    /// <summary>True when the key is new (or had expired) and now belongs to this batch; false for a duplicate.</summary>
    public bool ClaimDedupeKey(string feedId, string sourceRequestId)
    {
        _claimFeed.Value = feedId;
        _claimRid.Value = sourceRequestId;
        return _claim.ExecuteNonQuery() != 0;
    }

    /// <summary>True when the event id is new (or had expired) on this feed and now belongs to this batch; false for a repeat.</summary>
    public bool ClaimMessageId(string feedId, string sourceMessageId)
    {
        _claimMessageFeed.Value = feedId;
        _claimMessageId.Value = sourceMessageId;
        return _claimMessage.ExecuteNonQuery() != 0;
    }

    public void Insert(long sequence, string feedId, string? sourceRequestId, byte[] payload)
    {
        _insertSeq.Value = sequence;
        _insertFeed.Value = feedId;
        _insertRid.Value = (object?)sourceRequestId ?? DBNull.Value;
        _insertPayload.Value = payload;
        _insert.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _claim.Dispose();
        _claimMessage.Dispose();
        _insert.Dispose();
    }
}
