using Npgsql;
using NpgsqlTypes;
using Switchyard.Core.Privacy;

namespace Switchyard.Storage.Postgres.Privacy;

/// <summary>Requests to and from rows: parameters by name, columns in the order of <see cref="DsrTables.Columns"/>.</summary>
public sealed partial class PostgresDsrStore
{
    private static void Bind(NpgsqlParameterCollection parameters, DsrRecord r)
    {
        parameters.Add(Text("id", r.Id));
        parameters.Add(Text("feed", r.FeedId));
        parameters.Add(Text("regulation", r.Regulation));
        parameters.Add(Text("type", DsrWireNames.Of(r.Type)));
        parameters.Add(Text("status", DsrWireNames.Of(r.Status)));
        parameters.Add(Time("submitted", r.SubmittedTime));
        parameters.Add(Time("received", r.ReceivedTime));
        parameters.Add(NullableTime("expected", r.ExpectedCompletionTime));
        parameters.Add(Time("not_before", r.NotBefore));
        parameters.Add(NullableText("group", r.GroupId));
        parameters.Add(new NpgsqlParameter<string[]>("callbacks", [.. r.CallbackUrls]));
        parameters.Add(Text("stage", r.Stage));
        parameters.Add(NullableText("subject", r.Subject));
        parameters.Add(new NpgsqlParameter<long>("mark", r.InboxMark));
        parameters.Add(NullableTime("sweep", r.SweepAt));
        parameters.Add(NullableTime("completed", r.CompletedTime));
        parameters.Add(new NpgsqlParameter("count", NpgsqlDbType.Integer) { Value = r.ResultsCount is { } count ? count : DBNull.Value });
    }

    private static async Task<List<DsrRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<DsrRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    private static DsrRecord Read(NpgsqlDataReader reader)
    {
        static DateTimeOffset? OptionalTime(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
        static string? OptionalText(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new DsrRecord
        {
            Id = reader.GetString(0),
            FeedId = reader.GetString(1),
            Regulation = reader.GetString(2),
            Type = DsrWireNames.RequestType(reader.GetString(3)) ?? throw new InvalidDataException($"Unknown stored DSR type '{reader.GetString(3)}'."),
            Status = DsrWireNames.Status(reader.GetString(4)),
            SubmittedTime = reader.GetFieldValue<DateTimeOffset>(5),
            ReceivedTime = reader.GetFieldValue<DateTimeOffset>(6),
            ExpectedCompletionTime = OptionalTime(reader, 7),
            NotBefore = reader.GetFieldValue<DateTimeOffset>(8),
            GroupId = OptionalText(reader, 9),
            CallbackUrls = reader.GetFieldValue<string[]>(10),
            Stage = reader.GetString(11),
            Subject = OptionalText(reader, 12),
            InboxMark = reader.GetInt64(13),
            SweepAt = OptionalTime(reader, 14),
            CompletedTime = OptionalTime(reader, 15),
            ResultsCount = reader.IsDBNull(16) ? null : reader.GetInt32(16),
        };
    }

    private static NpgsqlParameter<string> Text(string name, string value) => new(name, value);

    private static NpgsqlParameter NullableText(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    // timestamptz takes instants in UTC only; the offset a caller's value carries says nothing the instant does not.
    private static NpgsqlParameter<DateTimeOffset> Time(string name, DateTimeOffset value) => new(name, value.ToUniversalTime());

    private static NpgsqlParameter NullableTime(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } t ? t.ToUniversalTime() : DBNull.Value };
}
