using Switchyard.Core.Workspace;

namespace Switchyard.Core.Tests.Workspace;

public sealed class StorageSectionTests
{
    [Fact]
    public void Without_a_storage_section_the_file_chooses_nothing()
    {
        Assert.Null(WorkspaceLoader.Parse("{}").Storage);
    }

    [Fact]
    public void The_storage_section_names_the_provider_and_the_connection_string()
    {
        var storage = WorkspaceLoader.Parse("""
            {"storage": {"provider": "postgres", "connectionString": "Host=db;Database=switchyard;Username=s;Password=hunter22"}}
            """).Storage;

        Assert.Equal(new WorkspaceStorage("postgres", "Host=db;Database=switchyard;Username=s;Password=hunter22"), storage);
        Assert.DoesNotContain("hunter22", storage!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgres_section_may_leave_the_connection_string_to_the_environment()
    {
        Assert.Equal(new WorkspaceStorage("postgres", null), WorkspaceLoader.Parse("""{"storage": {"provider": "postgres"}}""").Storage);
        Assert.Equal(new WorkspaceStorage("sqlite", null), WorkspaceLoader.Parse("""{"storage": {"provider": "sqlite"}}""").Storage);
    }

    [Fact]
    public void Postgres_nodes_wake_each_other_unless_the_section_turns_notifications_off()
    {
        Assert.True(WorkspaceLoader.Parse("""{"storage": {"provider": "postgres"}}""").Storage!.Notifications);
        Assert.True(WorkspaceLoader.Parse("""{"storage": {"provider": "postgres", "notifications": true}}""").Storage!.Notifications);
        var pollOnly = WorkspaceLoader.Parse("""{"storage": {"provider": "postgres", "notifications": false}}""").Storage!;
        Assert.False(pollOnly.Notifications);
        Assert.Contains("Notifications = False", pollOnly.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"storage": {}}""", "storage.provider: is required")]
    [InlineData("""{"storage": {"provider": "sqlite", "notifications": false}}""", "storage.notifications: only the postgres provider")]
    [InlineData("""{"storage": {"provider": "postgres", "notifications": "off"}}""", "storage.notifications:")]
    [InlineData("""{"storage": {"provider": "mysql"}}""", "storage.provider: 'mysql' is not 'sqlite' or 'postgres'")]
    [InlineData("""{"storage": {"provider": "sqlite", "connectionString": "Data Source=x"}}""", "storage.connectionString: only the postgres provider")]
    [InlineData("""{"storage": {"provider": "postgres", "connectionString": " "}}""", "storage.connectionString: must not be empty")]
    [InlineData("""{"storage": {"provider": "postgres", "database": "x"}}""", "unknown field 'storage.database'")]
    public void A_bad_storage_section_stops_loading_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<WorkspaceException>(() => WorkspaceLoader.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
