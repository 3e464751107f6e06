using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Compliance;

public abstract partial class ProfileStoreComplianceTests
{
    [Fact]
    public async Task User_and_device_identities_of_a_saved_profile_find_its_mpid()
    {
        var store = await OpenAsync();
        await Commit(store, async s =>
        {
            s.Save(ProfileSamples.FullyPopulated(31));
            Assert.Equal(31, (await s.FindMpidAsync(IdentityKeys.CustomerId, "cust-31", default)));
            Assert.Equal(31, (await s.FindMpidAsync(IdentityKeys.Device("android_uuid"), "uuid-31", default)));
        });

        Assert.Equal(31, await store.FindMpidAsync(IdentityKeys.CustomerId, "cust-31", CancellationToken.None));
        Assert.Equal(31, await store.FindMpidAsync(IdentityKeys.Email, "u31@example.com", CancellationToken.None));
        Assert.Equal(31, await store.FindMpidAsync("other_id_2", "o2", CancellationToken.None));
        Assert.Equal(31, await store.FindMpidAsync(IdentityKeys.Device("ios_idfv"), "idfv-31", CancellationToken.None));
        Assert.Null(await store.FindMpidAsync(IdentityKeys.CustomerId, "someone-else", CancellationToken.None));
    }

    [Fact]
    public async Task A_device_identity_and_a_user_identity_with_the_same_name_and_value_do_not_collide()
    {
        var store = await OpenAsync();
        var device = ProfileSamples.Minimal(1);
        device.DeviceIdentities["email"] = "same";
        var user = ProfileSamples.Minimal(2);
        user.UserIdentities[IdentityKeys.Email] = "same";
        await Commit(store, s =>
        {
            s.Save(device);
            s.Save(user);
        });

        Assert.Equal(1, await store.FindMpidAsync(IdentityKeys.Device("email"), "same", CancellationToken.None));
        Assert.Equal(2, await store.FindMpidAsync(IdentityKeys.Email, "same", CancellationToken.None));
    }

    [Fact]
    public async Task Saving_a_profile_that_holds_another_profiles_identity_points_the_identity_at_it()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.Save(ProfileSamples.Minimal(1, customerId: "shared", idfv: "device-1")));

        await Commit(store, s => s.Save(ProfileSamples.Minimal(2, customerId: "shared", idfv: "device-1")));

        Assert.Equal(2, await store.FindMpidAsync(IdentityKeys.CustomerId, "shared", CancellationToken.None));
        Assert.Equal(2, await store.FindMpidAsync(IdentityKeys.Device("ios_idfv"), "device-1", CancellationToken.None));
    }

    [Fact]
    public async Task Identities_no_longer_on_a_saved_profile_stop_finding_it()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.Save(ProfileSamples.FullyPopulated(8)));

        await Commit(store, async s =>
        {
            var profile = (await s.LoadAsync(8, default))!;
            profile.UserIdentities.Remove(IdentityKeys.Email);
            profile.UserIdentities[IdentityKeys.CustomerId] = "cust-new";
            profile.DeviceIdentities.Remove("android_uuid");
            s.Save(profile);
        });

        Assert.Null(await store.FindMpidAsync(IdentityKeys.Email, "u8@example.com", CancellationToken.None));
        Assert.Null(await store.FindMpidAsync(IdentityKeys.CustomerId, "cust-8", CancellationToken.None));
        Assert.Null(await store.FindMpidAsync(IdentityKeys.Device("android_uuid"), "uuid-8", CancellationToken.None));
        Assert.Equal(8, await store.FindMpidAsync(IdentityKeys.CustomerId, "cust-new", CancellationToken.None));
        Assert.Equal(8, await store.FindMpidAsync(IdentityKeys.Device("ios_idfv"), "idfv-8", CancellationToken.None));
    }

    [Fact]
    public async Task An_identity_taken_over_by_another_profile_stays_with_it_when_the_first_is_saved_without_it()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.Save(ProfileSamples.Minimal(1, customerId: "moved")));
        await Commit(store, s => s.Save(ProfileSamples.Minimal(2, customerId: "moved")));

        await Commit(store, s => s.Save(ProfileSamples.Minimal(1, customerId: "other")));

        Assert.Equal(2, await store.FindMpidAsync(IdentityKeys.CustomerId, "moved", CancellationToken.None));
        Assert.Equal(1, await store.FindMpidAsync(IdentityKeys.CustomerId, "other", CancellationToken.None));
    }

    [Fact]
    public async Task Within_one_session_an_identity_taken_over_after_a_load_stays_with_its_new_owner()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.Save(ProfileSamples.Minimal(1, customerId: "moved", idfv: "d1")));

        await Commit(store, async s =>
        {
            var first = (await s.LoadAsync(1, default))!;
            s.Save(ProfileSamples.Minimal(2, customerId: "moved"));
            first.UserIdentities.Remove(IdentityKeys.CustomerId);
            s.Save(first);
            Assert.Equal(2, (await s.FindMpidAsync(IdentityKeys.CustomerId, "moved", default)));
        });

        Assert.Equal(2, await store.FindMpidAsync(IdentityKeys.CustomerId, "moved", CancellationToken.None));
        Assert.Equal(1, await store.FindMpidAsync(IdentityKeys.Device("ios_idfv"), "d1", CancellationToken.None));
    }

    [Fact]
    public async Task A_profile_deleted_and_saved_again_in_one_session_has_only_its_new_identities()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.Save(ProfileSamples.Minimal(6, customerId: "old", idfv: null, 1, 2)));

        await Commit(store, async s =>
        {
            await s.LoadAsync(6, default);
            s.Delete(6);
            s.Save(ProfileSamples.Minimal(6, customerId: "new", idfv: null, 2, 3));
        });

        Assert.Null(await store.FindMpidAsync(IdentityKeys.CustomerId, "old", CancellationToken.None));
        Assert.Equal(6, await store.FindMpidAsync(IdentityKeys.CustomerId, "new", CancellationToken.None));
        Assert.Equal((0L, 1L, 1L), (await store.CountMembersAsync(1, CancellationToken.None), await store.CountMembersAsync(2, CancellationToken.None), await store.CountMembersAsync(3, CancellationToken.None)));
    }

    [Fact]
    public async Task Identities_found_in_a_session_and_then_dropped_or_deleted_in_it_are_written_again_when_saved_again()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.Save(ProfileSamples.Minimal(1, customerId: "c1", idfv: "d1")));

        await Commit(store, async s =>
        {
            Assert.Equal(1, await s.FindMpidAsync(IdentityKeys.CustomerId, "c1", default));
            Assert.Equal(1, await s.FindMpidAsync(IdentityKeys.Device("ios_idfv"), "d1", default));
            s.Save(ProfileSamples.Minimal(1, customerId: "c1", idfv: null));
            s.Save(ProfileSamples.Minimal(1, customerId: "c1", idfv: "d1"));
        });

        Assert.Equal(1, await store.FindMpidAsync(IdentityKeys.Device("ios_idfv"), "d1", CancellationToken.None));

        await Commit(store, async s =>
        {
            Assert.Equal(1, await s.FindMpidAsync(IdentityKeys.CustomerId, "c1", default));
            s.Delete(1);
            s.Save(ProfileSamples.Minimal(1, customerId: "c1", idfv: "d1"));
        });

        Assert.Equal(1, await store.FindMpidAsync(IdentityKeys.CustomerId, "c1", CancellationToken.None));
        Assert.Equal(1, await store.FindMpidAsync(IdentityKeys.Device("ios_idfv"), "d1", CancellationToken.None));
    }
}
