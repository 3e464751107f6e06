using Microsoft.Data.Sqlite;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Storage.Sqlite.Tests.Profiles;

/// <summary>How the writer's prepared statements bind values: text arrives in SQLite exactly as the string it came from.</summary>
public sealed class PreparedStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public PreparedStatementTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, v)";
        create.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    public static TheoryData<string> Texts => new()
    {
        "",
        "plain",
        "accents é ü, CJK 日本語, an emoji outside the basic plane 🎉, a quote ' and a NUL-free end",
        new string('x', 10_000) + "é",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Strings_are_stored_as_text_with_every_character_and_the_empty_string_is_not_null(string text)
    {
        using var insert = new PreparedStatement(_connection, "INSERT INTO t (id, v) VALUES ($id, $v)", "$id", "$v");
        using var read = new PreparedStatement(_connection, "SELECT v FROM t WHERE id = $id", "$id");
        using var type = new PreparedStatement(_connection, "SELECT typeof(v) || ':' || length(CAST(v AS BLOB)) FROM t WHERE id = $id", "$id");

        Assert.Equal(1, insert.Execute(1L, text));

        Assert.Equal(text, read.Scalar(1L));
        Assert.Equal($"text:{System.Text.Encoding.UTF8.GetByteCount(text)}", type.Scalar(1L));
    }

    [Fact]
    public void A_null_value_is_stored_as_null()
    {
        using var insert = new PreparedStatement(_connection, "INSERT INTO t (id, v) VALUES ($id, $v)", "$id", "$v");
        using var type = new PreparedStatement(_connection, "SELECT typeof(v) FROM t WHERE id = $id", "$id");

        insert.Execute(1L, null!);

        Assert.Equal("null", type.Scalar(1L));
    }
}
