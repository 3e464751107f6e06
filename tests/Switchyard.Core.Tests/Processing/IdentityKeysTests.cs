using Switchyard.Core.Profiles;

namespace Switchyard.Core.Tests.Processing;

public sealed class IdentityKeysTests
{
    [Theory]
    [InlineData("ios_idfv")]
    [InlineData("mp_deviceid")]
    [InlineData("amp_id")]
    [InlineData("a_field_added_later")]
    public void Device_identities_are_stored_under_the_device_prefix_and_their_field_name(string field) =>
        Assert.Equal("device:" + field, IdentityKeys.Device(field));

    [Fact]
    public void A_known_device_field_gives_the_same_key_each_time_without_building_it_again() =>
        Assert.Same(IdentityKeys.Device("ios_idfv"), IdentityKeys.Device(string.Concat("ios_", "idfv")));
}
