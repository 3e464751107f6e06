using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;
using Switchyard.Core.Tests.Processing.Support;
using static Switchyard.Core.Tests.Processing.Support.TestBatches;

namespace Switchyard.Core.Tests.Processing;

/// <summary>Profile state merges last-writer-wins by timestamp, so batches may arrive in any order.</summary>
public class ProfileUpdateTests
{
    private readonly ProcessingHarness _harness = new();

    [Fact]
    public void An_older_batch_arriving_after_a_newer_one_does_not_overwrite_its_attributes()
    {
        var mpid = _harness.Process(For(customerId: "c1", atMs: T0 + 2000).WithAttributes(("plan", Text("pro")))).Mpid;

        _harness.Process(For(customerId: "c1", atMs: T0 + 1000).WithAttributes(("plan", Text("free")), ("city", Text("Oslo"))));

        var profile = _harness.Profile(mpid);
        Assert.Equal("pro", profile.Attributes["plan"].Text);
        Assert.Equal(T0 + 2000, profile.Attributes["plan"].UpdatedAtMs);
        Assert.Equal("Oslo", profile.Attributes["city"].Text);
    }

    [Fact]
    public void Without_a_batch_timestamp_the_newest_event_time_dates_the_attributes()
    {
        var mpid = _harness.Process(For(customerId: "c1").WithAttributes(("plan", Text("pro"))).WithEvents(Custom("A", T0 - 50), Custom("B", T0 - 20)), T0).Mpid;

        Assert.Equal(T0 - 20, _harness.Profile(mpid).Attributes["plan"].UpdatedAtMs);
    }

    [Fact]
    public void Without_any_timestamp_the_receive_time_dates_the_attributes()
    {
        var mpid = _harness.Process(For(customerId: "c1").WithAttributes(("plan", Text("pro"))), nowMs: T0, receivedAtMs: T0 - 7).Mpid;

        Assert.Equal(T0 - 7, _harness.Profile(mpid).Attributes["plan"].UpdatedAtMs);
    }

    [Fact]
    public void A_deletion_leaves_a_tombstone_that_an_older_late_write_cannot_revive()
    {
        var mpid = _harness.Process(For(customerId: "c1", atMs: T0).WithAttributes(("plan", Text("pro")))).Mpid;
        var deletion = For(customerId: "c1", atMs: T0 + 2000);
        deletion.DeletedUserAttributes = ["plan"];
        _harness.Process(deletion);

        _harness.Process(For(customerId: "c1", atMs: T0 + 1000).WithAttributes(("plan", Text("free"))));

        var plan = _harness.Profile(mpid).Attributes["plan"];
        Assert.True(plan.Deleted);
        Assert.Null(plan.Text);
    }

    [Fact]
    public void A_newer_write_replaces_a_tombstone()
    {
        var deletion = For(customerId: "c1", atMs: T0);
        deletion.DeletedUserAttributes = ["plan"];
        var mpid = _harness.Process(deletion).Mpid;

        _harness.Process(For(customerId: "c1", atMs: T0 + 1).WithAttributes(("plan", Text("free"))));

        Assert.False(_harness.Profile(mpid).Attributes["plan"].Deleted);
        Assert.Equal("free", _harness.Profile(mpid).Attributes["plan"].Text);
    }

    [Fact]
    public void On_equal_timestamps_the_later_processed_batch_wins()
    {
        var mpid = _harness.Process(For(customerId: "c1", atMs: T0).WithAttributes(("plan", Text("pro")))).Mpid;

        _harness.Process(For(customerId: "c1", atMs: T0).WithAttributes(("plan", Text("free"))));

        Assert.Equal("free", _harness.Profile(mpid).Attributes["plan"].Text);
    }

    [Fact]
    public void Reserved_names_are_stored_under_their_canonical_spelling_in_any_case()
    {
        var mpid = _harness.Process(For(customerId: "c1", atMs: T0).WithAttributes(("$firstname", Text("Ada")))).Mpid;
        _harness.Process(For(customerId: "c1", atMs: T0 + 1).WithAttributes(("$FIRSTNAME", Text("Grace")), ("$custom", Text("x"))));

        var attributes = _harness.Profile(mpid).Attributes;
        Assert.Equal("Grace", attributes["$FirstName"].Text);
        Assert.False(attributes.ContainsKey("$firstname"));
        Assert.Equal("x", attributes["$custom"].Text);
    }

    [Fact]
    public void A_null_value_is_a_user_tag_not_a_deletion()
    {
        var mpid = _harness.Process(For(customerId: "c1").WithAttributes(("vip", AttributeValue.Null))).Mpid;

        var tag = _harness.Profile(mpid).Attributes["vip"];
        Assert.Equal(AttributeValueKind.Null, tag.Kind);
        Assert.False(tag.Deleted);
    }

    [Fact]
    public void Attribute_lists_numbers_and_booleans_keep_their_kind_and_text()
    {
        var mpid = _harness.Process(For(customerId: "c1").WithAttributes(
            ("genres", AttributeValue.FromStringList(["jazz", "rock"])),
            ("age", new AttributeValue(AttributeValueKind.Number, "42")),
            ("beta", AttributeValue.True))).Mpid;

        var attributes = _harness.Profile(mpid).Attributes;
        Assert.Equal(AttributeValueKind.StringList, attributes["genres"].Kind);
        Assert.Equal(["jazz", "rock"], attributes["genres"].List!);
        Assert.Equal(AttributeValueKind.Number, attributes["age"].Kind);
        Assert.Equal("42", attributes["age"].Text);
        Assert.Equal("true", attributes["beta"].Text);
    }

    [Fact]
    public void User_attribute_change_events_apply_at_their_own_time()
    {
        var mpid = _harness.Process(For(customerId: "c1", atMs: T0 + 100).WithAttributes(("plan", Text("pro")))).Mpid;
        var late = For(customerId: "c1", atMs: T0 + 500).WithEvents(
            Of(EventType.UserAttributeChange, new UserAttributeChangeEventData { UserAttributeName = "plan", New = Text("free") }, T0 + 50),
            Of(EventType.UserAttributeChange, new UserAttributeChangeEventData { UserAttributeName = "$city", New = Text("Rome") }, T0 + 60),
            Of(EventType.UserAttributeChange, new UserAttributeChangeEventData { UserAttributeName = "old", Deleted = true }, T0 + 70));

        _harness.Process(late);

        var attributes = _harness.Profile(mpid).Attributes;
        Assert.Equal("pro", attributes["plan"].Text);
        Assert.Equal("Rome", attributes["$City"].Text);
        Assert.Equal(T0 + 60, attributes["$City"].UpdatedAtMs);
        Assert.True(attributes["old"].Deleted);
    }

    [Fact]
    public void The_latest_push_token_is_kept_per_platform()
    {
        var ios = For(customerId: "c1", atMs: T0);
        ios.DeviceInfo = new DeviceInfo { Platform = DevicePlatform.IOS, PushToken = "ios-1" };
        var mpid = _harness.Process(ios).Mpid;
        var android = For(customerId: "c1", atMs: T0 + 10).WithEvents(
            Of(EventType.PushRegistration, new PushRegistrationEventData { Register = true, RegistrationToken = "and-1" }, T0 + 10));
        android.DeviceInfo = new DeviceInfo { Platform = DevicePlatform.Android };
        _harness.Process(android);
        var newerIos = For(customerId: "c1", atMs: T0 + 20);
        newerIos.DeviceInfo = new DeviceInfo { Platform = DevicePlatform.IOS, PushToken = "ios-2" };
        _harness.Process(newerIos);
        var staleIos = For(customerId: "c1", atMs: T0 + 5);
        staleIos.DeviceInfo = new DeviceInfo { Platform = DevicePlatform.IOS, PushToken = "ios-0" };
        _harness.Process(staleIos);

        var tokens = _harness.Profile(mpid).PushTokens;
        Assert.Equal("ios-2", tokens["iOS"].Token);
        Assert.Equal("and-1", tokens["Android"].Token);
    }

    [Fact]
    public void Without_a_device_platform_the_application_os_names_the_push_token_slot()
    {
        var batch = For(customerId: "c1").WithEvents(Of(EventType.PushRegistration, new PushRegistrationEventData { Register = true, RegistrationToken = "t1" }, T0));
        batch.ApplicationInfo = new ApplicationInfo { Os = ApplicationOs.Android };

        var mpid = _harness.Process(batch).Mpid;

        Assert.Equal("t1", _harness.Profile(mpid).PushTokens["Android"].Token);
    }

    [Fact]
    public void Unregistering_a_push_token_removes_it()
    {
        var register = For(customerId: "c1").WithEvents(Of(EventType.PushRegistration, new PushRegistrationEventData { Register = true, RegistrationToken = "t1" }, T0));
        var mpid = _harness.Process(register).Mpid;

        _harness.Process(For(customerId: "c1").WithEvents(Of(EventType.PushRegistration, new PushRegistrationEventData { Register = false, RegistrationToken = "t1" }, T0 + 1)));

        Assert.Empty(_harness.Profile(mpid).PushTokens);
    }

    [Fact]
    public void Consent_is_kept_per_purpose_last_writer_wins()
    {
        var first = For(customerId: "c1", atMs: T0);
        first.ConsentState = new ConsentState
        {
            Gdpr = new Dictionary<string, ConsentRecord>
            {
                ["marketing"] = new() { Consented = true, TimestampUnixtimeMs = T0 + 100 },
                ["analytics"] = new() { Consented = true },
            },
            Ccpa = new CcpaConsent { DataSaleOptOut = new ConsentRecord { Consented = false } },
        };
        var mpid = _harness.Process(first).Mpid;
        var older = For(customerId: "c1", atMs: T0 + 10);
        older.ConsentState = new ConsentState { Gdpr = new Dictionary<string, ConsentRecord> { ["marketing"] = new() { Consented = false, TimestampUnixtimeMs = T0 + 50 } } };
        _harness.Process(older);

        var consent = _harness.Profile(mpid).Consent;
        Assert.True(consent["gdpr:marketing"].Consented);
        Assert.Equal(T0 + 100, consent["gdpr:marketing"].UpdatedAtMs);
        Assert.Equal(T0, consent["gdpr:analytics"].UpdatedAtMs);
        Assert.False(consent["ccpa:data_sale_opt_out"].Consented);
    }

    [Fact]
    public void Device_fields_come_from_the_latest_batch_that_carries_them()
    {
        var first = For(customerId: "c1", atMs: T0 + 100);
        first.DeviceInfo = new DeviceInfo { Platform = DevicePlatform.IOS, OsVersion = "17.2", DeviceModel = "iPhone15,2", NetworkCarrier = "Movistar" };
        first.ApplicationInfo = new ApplicationInfo { ApplicationVersion = "3.1.0" };
        var mpid = _harness.Process(first).Mpid;
        var older = For(customerId: "c1", atMs: T0);
        older.DeviceInfo = new DeviceInfo { Platform = DevicePlatform.Android, OsVersion = "14" };
        _harness.Process(older);
        var newer = For(customerId: "c1", atMs: T0 + 200);
        newer.DeviceInfo = new DeviceInfo { OsVersion = "17.3" };
        _harness.Process(newer);

        var device = _harness.Profile(mpid).Device;
        Assert.Equal("iOS", device[DeviceFields.Platform]);
        Assert.Equal("17.3", device[DeviceFields.OsVersion]);
        Assert.Equal("iPhone15,2", device[DeviceFields.DeviceModel]);
        Assert.Equal("Movistar", device[DeviceFields.Carrier]);
        Assert.Equal("3.1.0", device[DeviceFields.AppVersion]);
        Assert.Equal(T0 + 200, _harness.Profile(mpid).DeviceUpdatedAtMs);
    }

    [Fact]
    public void First_and_last_seen_cover_every_event_whatever_the_arrival_order()
    {
        var mpid = _harness.Process(For(customerId: "c1").WithEvents(Custom("A", T0 + 500), Custom("B", T0 + 900)), T0 + 1000).Mpid;

        _harness.Process(For(customerId: "c1").WithEvents(Custom("C", T0 + 100)), T0 + 1000);

        var profile = _harness.Profile(mpid);
        Assert.Equal(T0 + 100, profile.FirstSeenMs);
        Assert.Equal(T0 + 900, profile.LastSeenMs);
    }

    [Fact]
    public void Processing_the_same_batch_twice_leaves_the_attributes_unchanged()
    {
        var batch = For(customerId: "c1", email: "a@x.io", atMs: T0).WithAttributes(("plan", Text("pro")), ("genres", AttributeValue.FromStringList(["a"])));
        batch.DeletedUserAttributes = ["gone"];
        var mpid = _harness.Process(batch).Mpid;
        var before = InMemoryProfileStore.Write(_harness.Profile(mpid));

        _harness.Process(batch);

        Assert.Equal(before, InMemoryProfileStore.Write(_harness.Profile(mpid)));
    }
}
