using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Switchyard.Tests.Architecture;

/// <summary>
/// Only a provider knows its database: the domain, the delivery engine, the Braze outputs and the host's own code
/// reach storage through Core's contracts, so one provider can replace another. The host names one type of each
/// provider, its registration; everything else it gets as Core contracts. The sandbox keeps its own state and is not
/// checked.
/// </summary>
public sealed class StorageProviderReferenceTests
{
    private const string SqliteDriver = "Microsoft.Data.Sqlite";
    private const string SqliteProvider = "Switchyard.Storage.Sqlite";
    private const string PostgresDriver = "Npgsql";
    private const string PostgresProvider = "Switchyard.Storage.Postgres";

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

    [Theory]
    [MemberData(nameof(DriverFree))]
    public void No_assembly_but_the_provider_references_the_postgres_driver(string assembly) =>
        Assert.DoesNotContain(PostgresDriver, References(assembly));

    [Theory]
    [MemberData(nameof(ProviderFree))]
    public void The_domain_and_the_outputs_do_not_reference_the_postgres_provider(string assembly) =>
        Assert.DoesNotContain(PostgresProvider, References(assembly));

    [Fact]
    public void The_postgres_provider_is_the_one_that_references_its_driver() =>
        Assert.Contains(PostgresDriver, References(PostgresProvider));

    [Fact]
    public void The_host_uses_no_type_of_the_postgres_provider_but_its_registration() =>
        Assert.Equal(["Switchyard.Storage.Postgres.PostgresStorageRegistration"], ProviderTypesUsedBy(Assembly.Load(new AssemblyName("switchyard")), PostgresProvider));

    [Fact]
    public void The_host_uses_no_type_of_either_driver()
    {
        var host = Assembly.Load(new AssemblyName("switchyard"));

        Assert.Empty(ProviderTypesUsedBy(host, PostgresDriver));
        Assert.Empty(ProviderTypesUsedBy(host, SqliteDriver));
    }

    [Fact]
    public void The_provider_is_the_one_that_references_the_driver() =>
        Assert.Contains(SqliteDriver, References(SqliteProvider));

    [Fact]
    public void The_host_uses_no_type_of_the_sqlite_provider_but_its_registration() =>
        Assert.Equal(["Switchyard.Storage.Sqlite.SqliteStorageRegistration"], ProviderTypesUsedBy(Assembly.Load(new AssemblyName("switchyard")), SqliteProvider));

    [Fact]
    public void The_type_scan_finds_provider_types_an_assembly_uses()
    {
        // These tests open the SQLite stores by name; were the scan blind, the host check above could never fail.
        var used = ProviderTypesUsedBy(typeof(StorageProviderReferenceTests).Assembly, SqliteProvider);

        Assert.Contains("Switchyard.Storage.Sqlite.Profiles.SqliteProfileStore", used);
        Assert.Contains("Switchyard.Storage.Sqlite.SqliteStorageOptions", used);
        // The Postgres test helper names the driver's types, so the same scan sees them.
        Assert.Contains("Npgsql.NpgsqlConnection", ProviderTypesUsedBy(typeof(StorageProviderReferenceTests).Assembly, PostgresDriver));
    }

    /// <summary>The types of <paramref name="provider"/> (nested ones by their outermost type) that the assembly's metadata references.</summary>
    private static IReadOnlyList<string> ProviderTypesUsedBy(Assembly assembly, string provider)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            while (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                type = metadata.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
            }

            if (type.ResolutionScope.Kind == HandleKind.AssemblyReference
                && metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name) == provider)
            {
                used.Add(metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name));
            }
        }

        return [.. used];
    }

    private static IReadOnlyList<string> References(string assembly) =>
        [.. Assembly.Load(new AssemblyName(assembly)).GetReferencedAssemblies().Select(a => a.Name ?? "")];
}
