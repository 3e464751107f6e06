namespace Switchyard.Core.Tests.Ingest;

/// <summary>A realistic batch with every field and every event type of reference/mparticle.md §1.</summary>
internal static class FullBatch
{
    public const string Json = """
    {
      "source_request_id": "5b0b1c8e-3f5a-4c4e-9d4c-0f4b1a2c3d4e",
      "environment": "development",
      "schema_version": 2,
      "mpid": "-8433569646818451201",
      "ip": "203.0.113.7",
      "mp_deviceid": "dev-123",
      "timestamp_unixtime_ms": 1764000000000,
      "internal_field_we_ignore": {"x": [1, 2, {"y": null}]},
      "user_attributes": {
        "$FirstName": "Ada",
        "$Age": 36,
        "vip": true,
        "wishlist": ["book", "lamp"],
        "tagged": null,
        "ratio": 0.25
      },
      "deleted_user_attributes": ["old_attr"],
      "user_identities": {
        "customer_id": "cust-42", "email": "ada@example.com", "other": "o1", "other_id_2": "o2",
        "other_id_3": "o3", "other_id_4": "o4", "other_id_5": "o5", "other_id_6": "o6", "other_id_7": "o7",
        "other_id_8": "o8", "other_id_9": "o9", "other_id_10": "o10", "facebook": "fb", "twitter": "tw",
        "google": "gg", "microsoft": "ms", "yahoo": "yh", "alias": "al", "facebook_custom_audience_id": "fca",
        "mobile_number": "+15550100", "phone_number_2": "+15550101", "phone_number_3": "+15550102"
      },
      "device_info": {
        "platform": "iOS", "ios_advertising_id": "idfa-1", "ios_idfv": "idfv-1", "android_advertising_id": "gaid-1",
        "android_uuid": "auuid", "roku_advertising_id": "rida", "roku_publisher_id": "rpid",
        "microsoft_advertising_id": "maid", "microsoft_publisher_id": "mpid", "fire_advertising_id": "faid",
        "amp_id": "amp", "push_token": "ptok", "att_authorization_status": "authorized",
        "att_timestamp_unixtime_ms": 1763999990000, "limit_ad_tracking": false, "brand": "Apple", "product": "iPhone15,2",
        "device": "iPhone", "device_manufacturer": "Apple", "device_model": "iPhone 14 Pro", "os_version": "17.1",
        "build_identifier": "21B74", "http_header_user_agent": "Mozilla/5.0", "screen_height": 2556, "screen_width": 1179,
        "screen_dpi": 460, "device_country": "GB", "locale_language": "en", "locale_country": "GB",
        "network_country": "gb", "network_carrier": "EE", "network_code": "30", "network_mobile_country_code": "234",
        "timezone_offset": 5.5, "cpu_architecture": "arm64", "radio_access_technology": "LTE", "is_tablet": false,
        "is_dst": true, "push_notification_sound_enabled": true, "push_notification_vibrate_enabled": false,
        "supports_telephony": true, "has_nfc": true, "bluetooth_enabled": true, "bluetooth_version": "5.3"
      },
      "application_info": {
        "application_name": "Shop", "application_version": "4.2.0", "application_build_number": "420",
        "install_referrer": "store", "package": "com.example.shop", "os": "IOS"
      },
      "context": {"data_plan": {"plan_id": "shop_plan", "plan_version": 3}},
      "consent_state": {
        "gdpr": {"marketing": {"consented": true, "document": "v1", "timestamp_unixtime_ms": 1763000000000, "location": "signup", "hardware_id": "hw1"}},
        "ccpa": {"data_sale_opt_out": {"consented": false, "document": "ccpa-v2", "timestamp_unixtime_ms": 1763000000001, "location": "footer", "hardware_id": "hw2"}}
      },
      "integration_attributes": {"28": {"braze_id": "b-1"}},
      "partner_identities": {"partner_a": "pa-1"},
      "source_info": {"channel": "server_to_server", "partner": "braze", "is_historical": false},
      "events": [
        {"event_type": "custom_event", "data": {
          "event_name": "Played Video", "custom_event_type": "media",
          "timestamp_unixtime_ms": 1764000000100, "source_message_id": "m-1", "session_uuid": "s-uuid", "session_id": 123456789,
          "event_id": 42,
          "custom_attributes": {"title": "Intro", "seconds": 12.5, "autoplay": false, "nothing": null, "tags": ["a", "b"], "meta": {"k": 1}},
          "custom_flags": {"Google.Category": "video"},
          "location": {"latitude": 51.5, "longitude": -0.12, "accuracy": 10},
          "device_current_state": {"time_since_start_ms": 5000, "battery_level": 0.8, "data_connection_type": "wifi",
            "data_connection_type_detail": "802.11ac", "gps_state": true, "total_system_memory_usage_bytes": 1000,
            "disk_space_free_bytes": 2000, "external_disk_space_free_bytes": 3000, "cpu": "12%",
            "system_memory_available_bytes": 4000.5, "system_memory_low": false, "system_memory_threshold_bytes": 500,
            "application_memory_available_bytes": 600, "application_memory_max_bytes": 700, "application_memory_total_bytes": 800,
            "device_orientation": "portrait", "status_bar_orientation": "portrait"}
        }},
        {"data": {
          "product_action": {
            "action": "purchase", "checkout_step": 2, "checkout_options": "express", "product_action_list": "search",
            "product_list_source": "home", "transaction_id": "T-1", "affiliation": "web", "total_amount": 59.98,
            "tax_amount": 5.00, "shipping_amount": 4.99, "coupon_code": "SAVE5",
            "products": [{"id": "SKU-1", "name": "Lamp", "brand": "Lumo", "category": "Home", "variant": "red",
              "position": 1, "price": 29.99, "quantity": 2, "coupon_code": "P5", "added_to_cart_time_ms": 1763999000000,
              "total_product_amount": 59.98, "custom_attributes": {"material": "steel"}}]
          },
          "shopping_cart": {"products": [{"id": "SKU-2", "price": 1}]},
          "currency_code": "EUR", "screen_name": "Checkout", "is_non_interactive": false,
          "event_name": "Purchase", "custom_event_type": "transaction", "custom_flags": {"f": "1"}
        }, "event_type": "commerce_event"},
        {"event_type": "commerce_event", "data": {"promotion_action": {"action": "click", "promotions": [
          {"id": "PROMO-1", "name": "Winter", "creative": "banner.png", "position": "top"}]}, "custom_event_type": "promotion_click"}},
        {"event_type": "commerce_event", "data": {"product_impressions": [
          {"product_impression_list": "Related", "products": [{"id": "SKU-3"}, {"id": "SKU-4"}]}], "custom_event_type": "impression"}},
        {"event_type": "screen_view", "data": {"screen_name": "Home", "activity_type": "MainActivity", "custom_flags": {"x": "y"}}},
        {"event_type": "session_start", "data": {"session_uuid": "s-uuid", "timestamp_unixtime_ms": 1764000000000}},
        {"event_type": "session_end", "data": {"session_duration_ms": 60000}},
        {"event_type": "opt_out", "data": {"is_opted_out": true}},
        {"event_type": "push_registration", "data": {"register": true, "registration_token": "tok-1"}},
        {"event_type": "application_state_transition", "data": {"application_transition_type": "application_initialized",
          "is_first_run": true, "is_upgrade": false, "successfully_closed": true, "push_notification_payload": "{}", "launch_referral": "ref"}},
        {"event_type": "push_message", "data": {"push_message_type": "received", "push_message_token": "pmt", "message": "{\"aps\":{}}",
          "network": "apn", "application_state": "background", "action_identifier": "open", "push_message_behavior": 3}},
        {"event_type": "user_attribute_change", "data": {"user_attribute_name": "wishlist", "new": ["book", "lamp"], "old": "book",
          "deleted": false, "is_new_attribute": false}},
        {"event_type": "user_identity_change", "data": {
          "new": {"identity_type": "customerid", "identity": "cust-42", "timestamp_unixtime_ms": 1764000000200, "created_this_batch": true},
          "old": {"identity_type": "email", "identity": "old@example.com", "timestamp_unixtime_ms": 1700000000000, "created_this_batch": false}}},
        {"event_type": "profile", "data": {"previous_mpid": 1, "current_mpid": "2", "profile_event_type": "login"}},
        {"event_type": "crash_report", "data": {"timestamp_unixtime_ms": 1, "stack_trace": "ignored"}},
        {"event_type": "network_performance", "data": {}},
        {"event_type": "breadcrumb", "data": {}},
        {"event_type": "uninstall", "data": {}},
        {"event_type": "first_run", "data": {}},
        {"event_type": "pre_attribution", "data": {}},
        {"event_type": "push_reaction", "data": {}},
        {"event_type": "validation_result", "data": {}},
        {"event_type": "unknown"}
      ]
    }
    """;
}
