using System.Reflection;

namespace Switchyard.Tests.Architecture;

/// <summary>
/// Only the SQLite provider knows SQLite: the domain, the delivery engine, the Braze outputs and the host's own code
/// reach storage through Core's contracts, so another provider can replace it. The sandbox keeps its own state and is
/// not checked.
/// </summary>
public sealed class StorageProviderReferenceTests
{
    private const string SqliteDriver = "Microsoft.Data.Sqlite";
    private const string SqliteProvider = "Switchyard.Storage.Sqlite";

    public static TheoryData<string> DriverFree => ["Switchyard.Core", "Switchyard.Braze", "switchyard"];

    public static TheoryData<string> ProviderFree => ["Switchyard.Core", "Switchyard.Braze"];

    [Theory]
    [MemberData(nameof(DriverFree))]
    public void No_assembly_but_the_provider_references_the_sqlite_driver(string assembly) =>
        Assert.DoesNotContain(SqliteDriver, References(assembly));

    [Theory]
    [MemberData(nameof(ProviderFree))]
    public void The_domain_and_the_outputs_do_not_reference_the_sqlite_provider(string assembly) =>
        Assert.DoesNotContain(SqliteProvider, References(assembly));

    [Fact]
    public void The_provider_is_the_one_that_references_the_driver() =>
        Assert.Contains(SqliteDriver, References(SqliteProvider));

    private static IReadOnlyList<string> References(string assembly) =>
        [.. Assembly.Load(new AssemblyName(assembly)).GetReferencedAssemblies().Select(a => a.Name ?? "")];
}
