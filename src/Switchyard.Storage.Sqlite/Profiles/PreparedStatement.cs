using Microsoft.Data.Sqlite;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// One command kept for the life of the writer connection. Microsoft.Data.Sqlite prepares a command's statement on
/// first use and keeps it while the text is unchanged, so reusing the command (and its parameter objects) spares a
/// parse per call on the processor's hot path.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public PreparedStatement(SqliteConnection connection, string sql, params ReadOnlySpan<string> parameterNames)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = new SqliteParameter[parameterNames.Length];
        for (var i = 0; i < parameterNames.Length; i++)
        {
            _parameters[i] = _command.Parameters.Add(new SqliteParameter { ParameterName = parameterNames[i] });
        }
    }

    /// <summary>The session's transaction; Microsoft.Data.Sqlite refuses a command that does not name it.</summary>
    public void Enlist(SqliteTransaction? transaction) => _command.Transaction = transaction;

    public int Execute(params ReadOnlySpan<object> values)
    {
        Bind(values);
        return _command.ExecuteNonQuery();
    }

    public object? Scalar(params ReadOnlySpan<object> values)
    {
        Bind(values);
        return _command.ExecuteScalar();
    }

    public SqliteDataReader Query(params ReadOnlySpan<object> values)
    {
        Bind(values);
        return _command.ExecuteReader();
    }

    public void Dispose() => _command.Dispose();

    private void Bind(ReadOnlySpan<object> values)
    {
        if (values.Length != _parameters.Length)
        {
            throw new ArgumentException($"The statement takes {_parameters.Length} values, not {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i];
        }
    }
}
