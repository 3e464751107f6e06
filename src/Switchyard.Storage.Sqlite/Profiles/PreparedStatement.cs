using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// One statement kept for the life of its connection. <see cref="Execute"/> and <see cref="Scalar"/> run it through
/// SQLite's own prepared statement (bind, step, reset): the processor's commits run hundreds of thousands of them,
/// and a command's <c>ExecuteNonQuery</c> opens a data reader and walks its results for each. <see cref="Query"/>
/// keeps a reusable command, which Microsoft.Data.Sqlite prepares on first use and keeps while the text is unchanged.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly string _sql;
    private readonly string[] _parameterNames;
    private SqliteCommand? _command;
    private SqliteTransaction? _transaction;
    private sqlite3_stmt? _statement;
    private int[] _indexes = [];

    public PreparedStatement(SqliteConnection connection, string sql, params ReadOnlySpan<string> parameterNames)
    {
        _connection = connection;
        _sql = sql;
        _parameterNames = parameterNames.ToArray();
    }

    /// <summary>The session's transaction; Microsoft.Data.Sqlite refuses a command that does not name it.</summary>
    public void Enlist(SqliteTransaction? transaction)
    {
        if (_command is not null)
        {
            _command.Transaction = transaction;
        }

        _transaction = transaction;
    }

    /// <summary>Runs the statement; returns the rows it changed.</summary>
    public int Execute(params ReadOnlySpan<object> values) => Run(Bound(values));

    // The typed overloads below take precedence over the params ones for calls with one to four values: an integer
    // argument is bound as it is, instead of being boxed into an object first (the commits bind millions of them).

    /// <inheritdoc cref="Execute(ReadOnlySpan{object})"/>
    public int Execute<T1>(T1 first)
    {
        var statement = Bound(1);
        Bind(statement, 0, first);
        return Run(statement);
    }

    /// <inheritdoc cref="Execute(ReadOnlySpan{object})"/>
    public int Execute<T1, T2>(T1 first, T2 second)
    {
        var statement = Bound(2);
        Bind(statement, 0, first);
        Bind(statement, 1, second);
        return Run(statement);
    }

    /// <inheritdoc cref="Execute(ReadOnlySpan{object})"/>
    public int Execute<T1, T2, T3>(T1 first, T2 second, T3 third)
    {
        var statement = Bound(3);
        Bind(statement, 0, first);
        Bind(statement, 1, second);
        Bind(statement, 2, third);
        return Run(statement);
    }

    /// <inheritdoc cref="Execute(ReadOnlySpan{object})"/>
    public int Execute<T1, T2, T3, T4>(T1 first, T2 second, T3 third, T4 fourth)
    {
        var statement = Bound(4);
        Bind(statement, 0, first);
        Bind(statement, 1, second);
        Bind(statement, 2, third);
        Bind(statement, 3, fourth);
        return Run(statement);
    }

    /// <summary>Runs the statement; returns the first column of its first row when it is an integer, or null.</summary>
    public long? Int64()
    {
        var statement = Bound(0);
        return FirstInteger(statement);
    }

    /// <inheritdoc cref="Int64()"/>
    public long? Int64<T1>(T1 first)
    {
        var statement = Bound(1);
        Bind(statement, 0, first);
        return FirstInteger(statement);
    }

    /// <inheritdoc cref="Int64()"/>
    public long? Int64<T1, T2>(T1 first, T2 second)
    {
        var statement = Bound(2);
        Bind(statement, 0, first);
        Bind(statement, 1, second);
        return FirstInteger(statement);
    }

    /// <summary>Runs the statement; returns the first column of its first row (long, double, string, bytes), or null.</summary>
    public object? Scalar(params ReadOnlySpan<object> values)
    {
        var statement = Bound(values);
        try
        {
            if (!Step(statement))
            {
                return null;
            }

            return raw.sqlite3_column_type(statement, 0) switch
            {
                raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, 0),
                raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, 0),
                raw.SQLITE_TEXT => raw.sqlite3_column_text(statement, 0).utf8_to_string(),
                raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, 0).ToArray(),
                _ => null,
            };
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>
    /// Runs the statement; returns its first row's first column as UTF-8 bytes (text, as SQLite stores it, without a
    /// .NET string in between) and its second as an integer, or null when there is no row.
    /// </summary>
    public (byte[] Text, long Integer)? TextAndInteger<T1>(T1 first)
    {
        var statement = Bound(1);
        Bind(statement, 0, first);
        try
        {
            return Step(statement) ? (raw.sqlite3_column_blob(statement, 0).ToArray(), raw.sqlite3_column_int64(statement, 1)) : null;
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    public SqliteDataReader Query(params ReadOnlySpan<object> values)
    {
        if (_command is null)
        {
            _command = _connection.CreateCommand();
            _command.CommandText = _sql;
            _command.Transaction = _transaction;
            foreach (var name in _parameterNames)
            {
                _command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
        }

        CheckCount(values);
        for (var i = 0; i < values.Length; i++)
        {
            _command.Parameters[i].Value = values[i];
        }

        return _command.ExecuteReader();
    }

    public void Dispose()
    {
        _command?.Dispose();
        _statement?.Dispose();
    }

    /// <summary>The prepared statement with <paramref name="values"/> bound, prepared on first use.</summary>
    private sqlite3_stmt Bound(ReadOnlySpan<object> values)
    {
        var statement = Bound(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            BindObject(statement, i, values[i]);
        }

        return statement;
    }

    /// <summary>The prepared statement, prepared on first use, with its bindings cleared for <paramref name="count"/> values.</summary>
    private sqlite3_stmt Bound(int count)
    {
        if (count != _parameterNames.Length)
        {
            throw new ArgumentException($"The statement takes {_parameterNames.Length} values, not {count}.", nameof(count));
        }

        var statement = _statement ??= Prepare();
        raw.sqlite3_clear_bindings(statement);
        return statement;
    }

    /// <summary>
    /// Binds the <paramref name="i"/>th value. The type tests are on <typeparamref name="T"/>, so the compiler keeps only
    /// the one that applies and an integer is never boxed; other types go through <see cref="BindObject"/>.
    /// </summary>
    private void Bind<T>(sqlite3_stmt statement, int i, T value)
    {
        if (typeof(T) == typeof(long))
        {
            Check(raw.sqlite3_bind_int64(statement, _indexes[i], Unsafe.As<T, long>(ref value)));
        }
        else if (typeof(T) == typeof(int))
        {
            Check(raw.sqlite3_bind_int64(statement, _indexes[i], Unsafe.As<T, int>(ref value)));
        }
        else if (typeof(T) == typeof(Utf8Text))
        {
            Check(raw.sqlite3_bind_text(statement, _indexes[i], Unsafe.As<T, Utf8Text>(ref value).Bytes));
        }
        else
        {
            BindObject(statement, i, value);
        }
    }

    private void BindObject(sqlite3_stmt statement, int i, object? value)
    {
        var index = _indexes[i];
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            string text => BindText(statement, index, text),
            Utf8Text text => raw.sqlite3_bind_text(statement, index, text.Bytes),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            double number => raw.sqlite3_bind_double(statement, index, number),
            bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
            var other => throw new ArgumentException($"A {other.GetType().Name} cannot be bound to {_parameterNames[i]}.", nameof(value)),
        };
        Check(rc);
    }

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _connection.Handle);

    /// <summary>Steps once and resets; returns the rows the statement changed.</summary>
    private int Run(sqlite3_stmt statement)
    {
        try
        {
            Step(statement);
            return raw.sqlite3_changes(_connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private long? FirstInteger(sqlite3_stmt statement)
    {
        try
        {
            return Step(statement) && raw.sqlite3_column_type(statement, 0) == raw.SQLITE_INTEGER ? raw.sqlite3_column_int64(statement, 0) : null;
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>
    /// Binds a string as SQLite's UTF-16 text, which SQLite copies and converts to the database's UTF-8 itself, so no
    /// UTF-8 copy of it is made on the managed heap for each statement. The empty string keeps the UTF-8 call: an empty
    /// span may pin as a null pointer, and SQLite binds a null pointer as NULL.
    /// </summary>
    private static int BindText(sqlite3_stmt statement, int index, string text) =>
        text.Length == 0 ? raw.sqlite3_bind_text(statement, index, text) : raw.sqlite3_bind_text16(statement, index, text.AsSpan());

    private sqlite3_stmt Prepare()
    {
        var rc = raw.sqlite3_prepare_v2(_connection.Handle, _sql, out var statement, out var tail);
        SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            statement.Dispose();
            throw new ArgumentException($"A prepared statement holds one SQL statement; this one goes on with \"{tail.Trim()}\".");
        }

        var indexes = new int[_parameterNames.Length];
        for (var i = 0; i < indexes.Length; i++)
        {
            indexes[i] = raw.sqlite3_bind_parameter_index(statement, _parameterNames[i]);
            if (indexes[i] == 0)
            {
                statement.Dispose();
                throw new ArgumentException($"The statement has no parameter {_parameterNames[i]}: {_sql}");
            }
        }

        _indexes = indexes;
        return statement;
    }

    /// <summary>Steps once: true on a row, false when done; anything else becomes a <see cref="SqliteException"/>.</summary>
    private bool Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }

        return false;
    }

    private void CheckCount(ReadOnlySpan<object> values)
    {
        if (values.Length != _parameterNames.Length)
        {
            throw new ArgumentException($"The statement takes {_parameterNames.Length} values, not {values.Length}.", nameof(values));
        }
    }
}

/// <summary>Text already encoded as UTF-8, bound as SQLite text (a <c>byte[]</c> alone binds as a blob).</summary>
internal readonly record struct Utf8Text(byte[] Bytes);
