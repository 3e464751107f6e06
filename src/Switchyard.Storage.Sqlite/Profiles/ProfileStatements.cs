using Microsoft.Data.Sqlite;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// Every statement a session's reads and commit run, created once per connection: the writer's set is enlisted in each
/// commit's transaction, a reader's set serves one session at a time.
/// </summary>
internal sealed class ProfileStatements : IDisposable
{
    public ProfileStatements(SqliteConnection writer)
    {
        SelectDocument = new(writer, ProfileSchema.SelectDocument, "$mpid");
        MpidTaken = new(writer, ProfileSchema.MpidTaken, "$mpid");
        RetireMpid = new(writer, ProfileSchema.RetireMpid, "$mpid");
        UpsertDocument = new(writer, ProfileSchema.UpsertDocument, "$mpid", "$doc");
        DeleteDocument = new(writer, ProfileSchema.DeleteDocument, "$mpid");
        SelectMpid = new(writer, ProfileSchema.SelectMpid, "$key", "$value");
        SelectIdentitiesOf = new(writer, ProfileSchema.SelectIdentitiesOf, "$mpid");
        PointIdentity = new(writer, ProfileSchema.PointIdentity, "$key", "$value", "$mpid");
        DropIdentity = new(writer, ProfileSchema.DropIdentity, "$key", "$value", "$mpid");
        DeleteIdentitiesOf = new(writer, ProfileSchema.DeleteIdentitiesOf, "$mpid");
        SelectAudiencesOf = new(writer, ProfileSchema.SelectAudiencesOf, "$mpid");
        InsertMembership = new(writer, ProfileSchema.InsertMembership, "$audience", "$mpid");
        DeleteMembership = new(writer, ProfileSchema.DeleteMembership, "$audience", "$mpid");
        DeleteMembershipsOf = new(writer, ProfileSchema.DeleteMembershipsOf, "$mpid");
        MembersOfAny = new(writer, ProfileSchema.MembersOfAny, "$audiences");
        UpsertDue = new(writer, ProfileSchema.UpsertDue, "$mpid", "$due");
        DeleteDue = new(writer, ProfileSchema.DeleteDue, "$mpid");
        SelectDue = new(writer, ProfileSchema.SelectDue, "$now", "$limit");
        InsertChange = new(writer, ProfileSchema.InsertChange, "$audience", "$mpid", "$action", "$at");
        SelectCheckpoint = new(writer, ProfileSchema.SelectCheckpoint);
        UpdateCheckpoint = new(writer, ProfileSchema.UpdateCheckpoint, "$sequence");
        AdvancePartitions = new(writer, ProfileSchema.AdvancePartitions, "$sequence", "$partitions");
        SelectVersion = new(writer, ProfileSchema.SelectVersion, "$mpid");
        AddToTotal = new(writer, ProfileSchema.AddToTotal, "$name", "$delta");
        InsertOutboxItem = new(writer, OutboxSchema.Insert, "$output", "$mpid", "$payload", "$created");
    }

    public PreparedStatement SelectDocument { get; }

    public PreparedStatement MpidTaken { get; }

    /// <summary>Whether the MPID is in use or retired (the statement always returns one integer).</summary>
    public bool IsTaken(long mpid) =>
        (MpidTaken.Int64(mpid) ?? throw new InvalidOperationException("The MPID check returned no integer.")) != 0;

    public PreparedStatement RetireMpid { get; }

    public PreparedStatement UpsertDocument { get; }

    public PreparedStatement DeleteDocument { get; }

    public PreparedStatement SelectMpid { get; }

    public PreparedStatement SelectIdentitiesOf { get; }

    public PreparedStatement PointIdentity { get; }

    public PreparedStatement DropIdentity { get; }

    public PreparedStatement DeleteIdentitiesOf { get; }

    public PreparedStatement SelectAudiencesOf { get; }

    public PreparedStatement InsertMembership { get; }

    public PreparedStatement DeleteMembership { get; }

    public PreparedStatement DeleteMembershipsOf { get; }

    public PreparedStatement MembersOfAny { get; }

    public PreparedStatement UpsertDue { get; }

    public PreparedStatement DeleteDue { get; }

    public PreparedStatement SelectDue { get; }

    public PreparedStatement InsertChange { get; }

    public PreparedStatement SelectCheckpoint { get; }

    public PreparedStatement UpdateCheckpoint { get; }

    public PreparedStatement AddToTotal { get; }

    public PreparedStatement AdvancePartitions { get; }

    public PreparedStatement SelectVersion { get; }

    public PreparedStatement InsertOutboxItem { get; }

    private IEnumerable<PreparedStatement> All =>
    [
        SelectDocument, MpidTaken, RetireMpid, UpsertDocument, DeleteDocument, SelectMpid, SelectIdentitiesOf, PointIdentity,
        DropIdentity, DeleteIdentitiesOf, SelectAudiencesOf, InsertMembership, DeleteMembership, DeleteMembershipsOf,
        MembersOfAny, UpsertDue, DeleteDue, SelectDue, InsertChange, SelectCheckpoint, UpdateCheckpoint, AddToTotal, InsertOutboxItem,
        AdvancePartitions, SelectVersion,
    ];

    public void Enlist(SqliteTransaction? transaction)
    {
        foreach (var statement in All)
        {
            statement.Enlist(transaction);
        }
    }

    public void Dispose()
    {
        foreach (var statement in All)
        {
            statement.Dispose();
        }
    }
}
