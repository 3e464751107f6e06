using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Tests.Ingest;

/// <summary>Every field of a realistic batch lands in the typed model (reference/mparticle.md §1.2, §1.5–§1.6).</summary>
public class FullBatchParsingTests
{
    private static Batch Parse()
    {
        var result = IngestTestData.Batch(FullBatch.Json);
        Assert.True(result.IsSuccess, result.Failure is null ? "" : string.Join("\n", result.Failure.Errors));
        return Assert.Single(result.Batches).Batch;
    }

    [Fact]
    public void Batch_level_fields_are_read()
    {
        var batch = Parse();
        Assert.Equal("5b0b1c8e-3f5a-4c4e-9d4c-0f4b1a2c3d4e", batch.SourceRequestId);
        Assert.Equal(BatchEnvironment.Development, batch.Environment);
        Assert.Equal(2, batch.SchemaVersion);
        Assert.Equal(-8433569646818451201L, batch.Mpid);
        Assert.Equal("203.0.113.7", batch.Ip);
        Assert.Equal("dev-123", batch.MpDeviceId);
        Assert.Equal(1764000000000L, batch.TimestampUnixtimeMs);
        Assert.Equal(["old_attr"], batch.DeletedUserAttributes);
        Assert.Equal("shop_plan", batch.Context?.DataPlan?.PlanId);
        Assert.Equal(3, batch.Context?.DataPlan?.PlanVersion);
        Assert.Equal("b-1", batch.IntegrationAttributes["28"]["braze_id"]);
        Assert.Equal("pa-1", batch.PartnerIdentities["partner_a"]);
        Assert.Equal("server_to_server", batch.SourceInfo?.Channel);
        Assert.Equal("braze", batch.SourceInfo?.Partner);
        Assert.False(batch.SourceInfo?.IsHistorical);
        Assert.Equal(23, batch.Events.Count);
    }

    [Fact]
    public void User_attributes_keep_their_kind_and_text()
    {
        var attributes = Parse().UserAttributes;
        Assert.Equal(6, attributes.Count);
        Assert.Equal(AttributeValue.FromString("Ada"), attributes["$FirstName"]);
        Assert.Equal(new AttributeValue(AttributeValueKind.Number, "36"), attributes["$Age"]);
        Assert.True(attributes["$Age"].TryGetInt64(out long age) && age == 36);
        Assert.True(attributes["vip"].TryGetBoolean(out bool vip) && vip);
        Assert.Equal(AttributeValueKind.StringList, attributes["wishlist"].Kind);
        Assert.Equal(["book", "lamp"], attributes["wishlist"].List!);
        Assert.True(attributes["tagged"].IsNull);
        Assert.True(attributes["ratio"].TryGetDouble(out double ratio) && ratio == 0.25);
    }

    [Fact]
    public void Every_identity_key_is_read()
    {
        var ids = Parse().UserIdentities!;
        IngestTestData.SameStrings(
            ["cust-42", "ada@example.com", "o1", "o2", "o3", "o4", "o5", "o6", "o7", "o8", "o9", "o10", "fb", "tw", "gg", "ms", "yh", "al", "fca", "+15550100", "+15550101", "+15550102"],
            [ids.CustomerId, ids.Email, ids.Other, ids.OtherId2, ids.OtherId3, ids.OtherId4, ids.OtherId5, ids.OtherId6, ids.OtherId7, ids.OtherId8, ids.OtherId9, ids.OtherId10,
             ids.Facebook, ids.Twitter, ids.Google, ids.Microsoft, ids.Yahoo, ids.Alias, ids.FacebookCustomAudienceId, ids.MobileNumber, ids.PhoneNumber2, ids.PhoneNumber3]);
    }

    [Fact]
    public void Device_info_is_read()
    {
        var d = Parse().DeviceInfo!;
        Assert.Equal(DevicePlatform.IOS, d.Platform);
        IngestTestData.SameStrings(
            ["idfa-1", "idfv-1", "gaid-1", "auuid", "rida", "rpid", "maid", "mpid", "faid", "amp", "ptok"],
            [d.IosAdvertisingId, d.IosIdfv, d.AndroidAdvertisingId, d.AndroidUuid, d.RokuAdvertisingId, d.RokuPublisherId, d.MicrosoftAdvertisingId, d.MicrosoftPublisherId, d.FireAdvertisingId, d.AmpId, d.PushToken]);
        Assert.Equal(AttAuthorizationStatus.Authorized, d.AttAuthorizationStatus);
        Assert.Equal(1763999990000L, d.AttTimestampUnixtimeMs);
        Assert.False(d.LimitAdTracking);
        IngestTestData.SameStrings(
            ["Apple", "iPhone15,2", "iPhone", "Apple", "iPhone 14 Pro", "17.1", "21B74", "Mozilla/5.0", "GB", "en", "GB", "gb", "EE", "30", "234", "arm64", "LTE", "5.3"],
            [d.Brand, d.Product, d.Device, d.DeviceManufacturer, d.DeviceModel, d.OsVersion, d.BuildIdentifier, d.HttpHeaderUserAgent, d.DeviceCountry, d.LocaleLanguage, d.LocaleCountry,
             d.NetworkCountry, d.NetworkCarrier, d.NetworkCode, d.NetworkMobileCountryCode, d.CpuArchitecture, d.RadioAccessTechnology, d.BluetoothVersion]);
        Assert.Equal([2556, 1179, 460], [d.ScreenHeight, d.ScreenWidth, d.ScreenDpi]);
        Assert.Equal(5.5, d.TimezoneOffset);
        Assert.Equal([false, true, true, false, true, true, true], [d.IsTablet, d.IsDst, d.PushNotificationSoundEnabled, d.PushNotificationVibrateEnabled, d.SupportsTelephony, d.HasNfc, d.BluetoothEnabled]);
    }

    [Fact]
    public void Application_info_and_consent_are_read()
    {
        var batch = Parse();
        var app = batch.ApplicationInfo!;
        IngestTestData.SameStrings(["Shop", "4.2.0", "420", "store", "com.example.shop"], [app.ApplicationName, app.ApplicationVersion, app.ApplicationBuildNumber, app.InstallReferrer, app.Package]);
        Assert.Equal(ApplicationOs.IOS, app.Os);

        var marketing = batch.ConsentState!.Gdpr["marketing"];
        Assert.True(marketing.Consented);
        IngestTestData.SameStrings(["v1", "signup", "hw1"], [marketing.Document, marketing.Location, marketing.HardwareId]);
        Assert.Equal(1763000000000L, marketing.TimestampUnixtimeMs);
        var ccpa = batch.ConsentState.Ccpa!.DataSaleOptOut!;
        Assert.False(ccpa.Consented);
        IngestTestData.SameStrings(["ccpa-v2", "footer", "hw2"], [ccpa.Document, ccpa.Location, ccpa.HardwareId]);
        Assert.Equal(1763000000001L, ccpa.TimestampUnixtimeMs);
    }

    [Fact]
    public void Events_get_the_data_type_of_their_event_type_in_order()
    {
        var events = Parse().Events;
        Assert.Equal(
            [EventType.CustomEvent, EventType.CommerceEvent, EventType.CommerceEvent, EventType.CommerceEvent, EventType.ScreenView, EventType.SessionStart,
             EventType.SessionEnd, EventType.OptOut, EventType.PushRegistration, EventType.ApplicationStateTransition, EventType.PushMessage,
             EventType.UserAttributeChange, EventType.UserIdentityChange, EventType.Profile, EventType.CrashReport, EventType.NetworkPerformance,
             EventType.Breadcrumb, EventType.Uninstall, EventType.FirstRun, EventType.PreAttribution, EventType.PushReaction, EventType.ValidationResult,
             EventType.Unknown],
            events.Select(e => e.EventType));
        Assert.All(events.Skip(14), e => Assert.IsType<GenericEventData>(e.Data));
        Assert.Equal(1L, events[14].Data.TimestampUnixtimeMs);
    }
}
