using System.Net;

namespace Switchyard.Sandbox.Tests.Http;

public sealed class ExportRevenueHttpTests
{
    [Fact]
    public async Task Total_revenue_beyond_the_decimal_range_is_exported_as_a_double()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        var (tracked, _) = await sandbox.TrackAsync("""
            {"purchases":[{"external_id":"u1","product_id":"p","currency":"EUR","price":70000000000000000000000000000,"quantity":2,"time":"2026-01-01"}]}
            """);
        Assert.Equal(HttpStatusCode.Created, tracked);

        var user = await sandbox.ExportAsync("u1");

        Assert.Equal(1.4e29, (double)user["total_revenue"]!, 1e15);
    }

    [Fact]
    public async Task Total_revenue_within_the_decimal_range_stays_exact()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        await sandbox.TrackAsync("""
            {"purchases":[{"external_id":"u1","product_id":"p","currency":"EUR","price":0.1,"quantity":3,"time":"2026-01-01"}]}
            """);

        var user = await sandbox.ExportAsync("u1");

        Assert.Equal("0.3", user["total_revenue"]!.ToJsonString());
    }
}
