using Switchyard.Core.Partitions;

namespace Switchyard.Core.Tests.Partitions;

public sealed class PartitionOwnershipOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_make_a_node_stale_after_three_intervals()
    {
        var options = new PartitionOwnershipOptions().Validate();

        Assert.Equal(TimeSpan.FromSeconds(15), options.StaleAfter);
    }

    [Theory]
    [InlineData(5, 5, 1, nameof(PartitionOwnershipOptions.LeaseDuration))]
    [InlineData(15, 0, 1, nameof(PartitionOwnershipOptions.RenewInterval))]
    [InlineData(15, 5, -1, nameof(PartitionOwnershipOptions.SafetyMargin))]
    [InlineData(6, 5, 1, nameof(PartitionOwnershipOptions.LeaseDuration))]
    public void Settings_that_would_let_leases_lapse_are_refused_naming_the_field(int leaseSeconds, int renewSeconds, int marginSeconds, string field)
    {
        var options = new PartitionOwnershipOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(leaseSeconds),
            RenewInterval = TimeSpan.FromSeconds(renewSeconds),
            SafetyMargin = TimeSpan.FromSeconds(marginSeconds),
        };

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Equal(field, error.ParamName);
    }
}
