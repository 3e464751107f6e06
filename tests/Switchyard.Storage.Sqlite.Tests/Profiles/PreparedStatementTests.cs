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

    [Fact]
    public void Typed_values_are_stored_as_the_same_types_as_values_passed_as_objects()
    {
        using var insert = new PreparedStatement(_connection, "INSERT INTO t (id, v) VALUES ($id, $v)", "$id", "$v");
        using var type = new PreparedStatement(_connection, "SELECT typeof(v) || ':' || quote(v) FROM t WHERE id = $id", "$id");
        long? none = null;
        long? some = 42;

        insert.Execute(1L, long.MinValue);
        insert.Execute(2L, int.MaxValue);
        insert.Execute(3L, new Utf8Text("é"u8.ToArray()));
        insert.Execute(4L, none);
        insert.Execute(5L, some);
        insert.Execute(6L, (object)"as an object");
        insert.Execute(7L, 1.5);

        Assert.Equal("integer:-9223372036854775808", type.Scalar(1L));
        Assert.Equal("integer:2147483647", type.Scalar(2L));
        Assert.Equal("text:'é'", type.Scalar(3L));
        Assert.Equal("null:NULL", type.Scalar(4L));
        Assert.Equal("integer:42", type.Scalar(5L));
        Assert.Equal("text:'as an object'", type.Scalar(6L));
        Assert.Equal("real:1.5", type.Scalar(7L));
    }

    [Fact]
    public void Int64_reads_an_integer_and_is_null_for_no_row_or_another_type()
    {
        using var insert = new PreparedStatement(_connection, "INSERT INTO t (id, v) VALUES ($id, $v)", "$id", "$v");
        using var read = new PreparedStatement(_connection, "SELECT v FROM t WHERE id = $id", "$id");
        using var count = new PreparedStatement(_connection, "SELECT count(*) FROM t");
        insert.Execute(1L, 7L);
        insert.Execute(2L, "7");

        Assert.Equal(7L, read.Int64(1L));
        Assert.Null(read.Int64(2L));
        Assert.Null(read.Int64(3L));
        Assert.Equal(2L, count.Int64());
    }

    [Fact]
    public void A_wrong_number_of_values_is_refused_before_anything_runs()
    {
        using var insert = new PreparedStatement(_connection, "INSERT INTO t (id, v) VALUES ($id, $v)", "$id", "$v");
        using var count = new PreparedStatement(_connection, "SELECT count(*) FROM t");

        Assert.Throws<ArgumentException>(() => insert.Execute(1L));
        Assert.Throws<ArgumentException>(() => insert.Execute(1L, 2L, 3L));
        Assert.Equal(0L, count.Int64());
    }
}
