using System.Globalization;
using Switchyard.Core.Partitions;

namespace Switchyard.Hosting;

/// <summary>
/// Test-only: shorter partition leases for process tests, so that a node's death or pause is noticed in seconds
/// rather than after a 15-second lease. <c>SWITCHYARD_TEST_LEASE_MS=3000</c> gives 3 s leases renewed every second.
/// Unset (always, outside tests), the defaults of <see cref="PartitionOwnershipOptions"/> apply.
/// </summary>
internal static class TestLeaseTiming
{
    public const string Variable = "SWITCHYARD_TEST_LEASE_MS";

    public static PartitionOwnershipOptions FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(value) || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms < 300)
        {
            return new PartitionOwnershipOptions();
        }

        var lease = TimeSpan.FromMilliseconds(ms);
        return new PartitionOwnershipOptions { LeaseDuration = lease, RenewInterval = lease / 3, SafetyMargin = lease / 10 }.Validate();
    }
}
