using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Tests.Ingest;

/// <summary>The <c>data</c> fields of each event type (reference/mparticle.md §1.3, §1.4).</summary>
public class EventDataParsingTests
{
    private static IReadOnlyList<BatchEvent> Events()
    {
        var result = IngestTestData.Batch(FullBatch.Json);
        Assert.True(result.IsSuccess);
        return result.Batches[0].Batch.Events;
    }

    private static T Data<T>(int index)
        where T : EventData => Assert.IsType<T>(Events()[index].Data);

    [Fact]
    public void Custom_event_and_common_fields_are_read()
    {
        var e = Data<CustomEventData>(0);
        Assert.Equal("Played Video", e.EventName);
        Assert.Equal(CustomEventType.Media, e.CustomEventType);
        Assert.Equal(1764000000100L, e.TimestampUnixtimeMs);
        Assert.Equal("m-1", e.SourceMessageId);
        Assert.Equal("s-uuid", e.SessionUuid);
        Assert.Equal(123456789L, e.SessionId);
        Assert.Equal(42L, e.EventId);
        Assert.Equal(AttributeValue.FromString("Intro"), e.CustomAttributes["title"]);
        Assert.Equal(new AttributeValue(AttributeValueKind.Number, "12.5"), e.CustomAttributes["seconds"]);
        Assert.Equal(AttributeValue.False, e.CustomAttributes["autoplay"]);
        Assert.True(e.CustomAttributes["nothing"].IsNull);
        Assert.Equal(new AttributeValue(AttributeValueKind.Array, """["a", "b"]"""), e.CustomAttributes["tags"]);
        Assert.Equal(new AttributeValue(AttributeValueKind.Object, """{"k": 1}"""), e.CustomAttributes["meta"]);
        Assert.Equal(AttributeValue.FromString("video"), e.CustomFlags["Google.Category"]);
        Assert.Equal([51.5, -0.12, 10.0], [e.Location!.Latitude, e.Location.Longitude, e.Location.Accuracy]);
        var s = e.DeviceCurrentState!;
        Assert.Equal([5000L, 1000L, 2000L, 3000L], [s.TimeSinceStartMs, s.TotalSystemMemoryUsageBytes, s.DiskSpaceFreeBytes, s.ExternalDiskSpaceFreeBytes]);
        Assert.Equal([0.8, 4000.5, 500.0, 600.0, 700.0, 800.0],
            [s.BatteryLevel, s.SystemMemoryAvailableBytes, s.SystemMemoryThresholdBytes, s.ApplicationMemoryAvailableBytes, s.ApplicationMemoryMaxBytes, s.ApplicationMemoryTotalBytes]);
        IngestTestData.SameStrings(["wifi", "802.11ac", "12%", "portrait", "portrait"], [s.DataConnectionType, s.DataConnectionTypeDetail, s.Cpu, s.DeviceOrientation, s.StatusBarOrientation]);
        Assert.True(s.GpsState);
        Assert.False(s.SystemMemoryLow);
    }

    [Fact]
    public void Commerce_product_action_is_read_even_when_data_comes_before_event_type()
    {
        var e = Data<CommerceEventData>(1);
        var action = e.ProductAction!;
        Assert.Equal(ProductActionType.Purchase, action.Action);
        Assert.Equal(2, action.CheckoutStep);
        IngestTestData.SameStrings(["express", "search", "home", "T-1", "web", "SAVE5"],
            [action.CheckoutOptions, action.ProductActionList, action.ProductListSource, action.TransactionId, action.Affiliation, action.CouponCode]);
        Assert.Equal([59.98m, 5.00m, 4.99m], [action.TotalAmount, action.TaxAmount, action.ShippingAmount]);
        var product = Assert.Single(action.Products);
        IngestTestData.SameStrings(["SKU-1", "Lamp", "Lumo", "Home", "red", "P5"], [product.Id, product.Name, product.Brand, product.Category, product.Variant, product.CouponCode]);
        Assert.Equal(1, product.Position);
        Assert.Equal([29.99m, 2m, 59.98m], [product.Price, product.Quantity, product.TotalProductAmount]);
        Assert.Equal(1763999000000L, product.AddedToCartTimeMs);
        Assert.Equal(AttributeValue.FromString("steel"), product.CustomAttributes["material"]);
        Assert.Equal("SKU-2", Assert.Single(e.ShoppingCart!.Products).Id);
        IngestTestData.SameStrings(["EUR", "Checkout", "Purchase"], [e.CurrencyCode, e.ScreenName, e.EventName]);
        Assert.False(e.IsNonInteractive);
        Assert.Equal(CustomEventType.Transaction, e.CustomEventType);
        Assert.Equal(AttributeValue.FromString("1"), e.CustomFlags["f"]);
        Assert.Null(e.PromotionAction);
        Assert.Empty(e.ProductImpressions);
    }

    [Fact]
    public void Commerce_promotion_action_and_impressions_are_read()
    {
        var promo = Data<CommerceEventData>(2);
        Assert.Equal(PromotionActionType.Click, promo.PromotionAction!.Action);
        var p = Assert.Single(promo.PromotionAction.Promotions);
        IngestTestData.SameStrings(["PROMO-1", "Winter", "banner.png", "top"], [p.Id, p.Name, p.Creative, p.Position]);
        Assert.Equal(CustomEventType.PromotionClick, promo.CustomEventType);

        var impressions = Data<CommerceEventData>(3);
        var impression = Assert.Single(impressions.ProductImpressions);
        Assert.Equal("Related", impression.ProductImpressionList);
        Assert.Equal(["SKU-3", "SKU-4"], impression.Products.Select(x => x.Id));
        Assert.Equal(CustomEventType.Impression, impressions.CustomEventType);
    }

    [Fact]
    public void Screen_view_session_opt_out_and_push_registration_are_read()
    {
        var screen = Data<ScreenViewEventData>(4);
        IngestTestData.SameStrings(["Home", "MainActivity"], [screen.ScreenName, screen.ActivityType]);
        Assert.Equal(AttributeValue.FromString("y"), screen.CustomFlags["x"]);
        Assert.Equal("s-uuid", Data<SessionStartEventData>(5).SessionUuid);
        Assert.Equal(60000L, Data<SessionEndEventData>(6).SessionDurationMs);
        Assert.True(Data<OptOutEventData>(7).IsOptedOut);
        var push = Data<PushRegistrationEventData>(8);
        Assert.True(push.Register);
        Assert.Equal("tok-1", push.RegistrationToken);
    }

    [Fact]
    public void Application_state_transition_and_push_message_are_read()
    {
        var ast = Data<ApplicationStateTransitionEventData>(9);
        Assert.Equal(ApplicationTransitionType.ApplicationInitialized, ast.ApplicationTransitionType);
        Assert.Equal([true, false, true], [ast.IsFirstRun, ast.IsUpgrade, ast.SuccessfullyClosed]);
        IngestTestData.SameStrings(["{}", "ref"], [ast.PushNotificationPayload, ast.LaunchReferral]);

        var push = Data<PushMessageEventData>(10);
        Assert.Equal(PushMessageType.Received, push.PushMessageType);
        IngestTestData.SameStrings(["pmt", "{\"aps\":{}}", "open"], [push.PushMessageToken, push.Message, push.ActionIdentifier]);
        Assert.Equal(PushNetwork.Apn, push.Network);
        Assert.Equal(PushApplicationState.Background, push.ApplicationState);
        Assert.True(push.PushMessageBehavior.TryGetInt64(out long behavior) && behavior == 3);
    }

    [Fact]
    public void User_attribute_and_identity_changes_and_profile_are_read()
    {
        var change = Data<UserAttributeChangeEventData>(11);
        Assert.Equal("wishlist", change.UserAttributeName);
        Assert.Equal(["book", "lamp"], change.New.List!);
        Assert.Equal(AttributeValue.FromString("book"), change.Old);
        Assert.Equal([false, false], [change.Deleted, change.IsNewAttribute]);

        var identity = Data<UserIdentityChangeEventData>(12);
        Assert.Equal(IdentityType.CustomerId, identity.New!.IdentityType);
        Assert.Equal("cust-42", identity.New.Identity);
        Assert.Equal(1764000000200L, identity.New.TimestampUnixtimeMs);
        Assert.True(identity.New.CreatedThisBatch);
        Assert.Equal(IdentityType.Email, identity.Old!.IdentityType);
        Assert.Equal("old@example.com", identity.Old.Identity);
        Assert.False(identity.Old.CreatedThisBatch);

        var profile = Data<ProfileEventData>(13);
        Assert.Equal([1L, 2L], [profile.PreviousMpid, profile.CurrentMpid]);
        Assert.Equal(ProfileEventType.Login, profile.ProfileEventType);
    }

    [Fact]
    public void Event_without_data_gets_empty_data_of_its_type()
    {
        var e = Events()[22];
        Assert.Equal(EventType.Unknown, e.EventType);
        var data = Assert.IsType<GenericEventData>(e.Data);
        Assert.Empty(data.CustomAttributes);
        Assert.Null(data.TimestampUnixtimeMs);
    }
}
