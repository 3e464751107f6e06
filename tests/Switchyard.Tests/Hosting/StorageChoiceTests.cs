using Switchyard.Core.Workspace;
using Switchyard.Hosting;

namespace Switchyard.Tests.Hosting;

public sealed class StorageChoiceTests
{
    private const string FromCommandLine = "Host=cli;Password=a";
    private const string FromEnvironment = "Host=env;Password=b";
    private static readonly WorkspaceStorage FromFile = new(WorkspaceStorage.Postgres, "Host=file;Password=c");

    [Fact]
    public void The_command_line_wins_over_the_environment_and_the_file()
    {
        var choice = StorageChoice.Resolve(FromCommandLine, FromEnvironment, FromFile);

        Assert.Equal(FromCommandLine, choice.PostgresConnectionString);
        Assert.Equal("--postgres", choice.Source);
    }

    [Fact]
    public void The_environment_wins_over_the_file_even_when_the_file_says_sqlite()
    {
        Assert.Equal(FromEnvironment, StorageChoice.Resolve(null, FromEnvironment, FromFile).PostgresConnectionString);
        Assert.Equal(FromEnvironment, StorageChoice.Resolve(null, FromEnvironment, new WorkspaceStorage(WorkspaceStorage.Sqlite, null)).PostgresConnectionString);
    }

    [Fact]
    public void The_file_chooses_when_nothing_else_does_and_sqlite_is_the_default()
    {
        Assert.Equal("Host=file;Password=c", StorageChoice.Resolve(null, null, FromFile).PostgresConnectionString);
        Assert.Equal("Host=env;Password=b", StorageChoice.Resolve(null, FromEnvironment, new WorkspaceStorage(WorkspaceStorage.Postgres, null)).PostgresConnectionString);
        Assert.False(StorageChoice.Resolve(null, null, null).IsPostgres);
        Assert.False(StorageChoice.Resolve(null, "", new WorkspaceStorage(WorkspaceStorage.Sqlite, null)).IsPostgres);
    }

    [Fact]
    public void The_file_turns_notifications_off_whichever_source_gives_the_connection_string()
    {
        var pollOnly = new WorkspaceStorage(WorkspaceStorage.Postgres, null) { Notifications = false };

        Assert.False(StorageChoice.Resolve(FromCommandLine, null, pollOnly).Notifications);
        Assert.False(StorageChoice.Resolve(null, FromEnvironment, pollOnly).Notifications);
        Assert.False(StorageChoice.Resolve(null, null, FromFile with { Notifications = false }).Notifications);
        Assert.True(StorageChoice.Resolve(FromCommandLine, null, null).Notifications);
        Assert.True(StorageChoice.Resolve(null, null, FromFile).Notifications);
    }

    [Fact]
    public void Postgres_without_a_connection_string_or_an_empty_option_is_refused()
    {
        Assert.Contains("no connection string was given", Assert.Throws<ArgumentException>(() => StorageChoice.Resolve(null, null, new WorkspaceStorage(WorkspaceStorage.Postgres, null))).Message, StringComparison.Ordinal);
        Assert.StartsWith("--postgres:", Assert.Throws<ArgumentException>(() => StorageChoice.Resolve(" ", null, null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_choice_prints_without_its_password()
    {
        var choice = StorageChoice.Resolve("Host=db;Database=cdp;Username=u;Password=very-secret-1", null, null);

        Assert.Equal("PostgreSQL (from --postgres)", choice.ToString());
        Assert.Equal("PostgreSQL database 'cdp' on db:5432", choice.Describe("/data"));
        Assert.Equal("login for *** refused", choice.Redact("login for very-secret-1 refused"));
        Assert.Equal("SQLite in /data", StorageChoice.Sqlite.Describe("/data"));
    }
}
