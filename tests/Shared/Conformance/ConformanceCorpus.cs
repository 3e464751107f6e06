using System.Globalization;

namespace Switchyard.Tests.Conformance;

/// <summary>
/// One batch per event type of mParticle's Events API schema (https://docs.mparticle.com/developers/apis/http/,
/// https://docs.mparticle.com/downloads/mparticle.events.oas.yaml): commerce events once per product action, promotion
/// action and impressions. Each batch fills in every field the schema documents for its event type, plus batch-level
/// fields and edge values (Unicode, over-long names, zero and large amounts, nulls, numbers and booleans in lists). Every
/// batch is for a user of its own (<c>conf-&lt;name&gt;</c>), so what reaches Braze can be checked case by case.
/// </summary>
internal static class ConformanceCorpus
{
    /// <summary>The Braze output settings the corpus is mapped with: every event type that can reach Braze does.</summary>
    public const string OutputFields = "\"forwardScreenViews\":true,\"forwardSessionEvents\":true,\"appIdentifierApiKey\":\"conformance-app\"";

    /// <summary>
    /// Every case. <paramref name="nowMs"/> is the receive time the events are dated from, so none is clamped unless a
    /// case means it to be.
    /// </summary>
    public static IReadOnlyList<ConformanceCase> Cases(long nowMs)
    {
        var t = (nowMs - 60_000).ToString(CultureInfo.InvariantCulture);
        var longName = new string('n', 300);
        return
        [
            new("custom_event", Event("custom_event", $$$$"""
                {"event_name":"Played ▶ ünïcødé 🎵","custom_event_type":"navigation","timestamp_unixtime_ms":{{{{t}}}},
                 "source_message_id":"m-custom","session_uuid":"s-uuid","session_id":-7,"event_id":1234,
                 "custom_attributes":{"genre":"jazz","plays":3,"ratio":0.5,"liked":true,"nothing":null,"list":[1,2],"nested":{"a":1}},
                 "custom_flags":{"flag":"x"},"location":{"latitude":40.4,"longitude":-3.7,"accuracy":5.5},
                 "device_current_state":{"time_since_start_ms":1000,"battery_level":0.9,"data_connection_type":"wifi",
                   "data_connection_type_detail":"802.11","gps_state":true,"total_system_memory_usage_bytes":1,"disk_space_free_bytes":2,
                   "external_disk_space_free_bytes":3,"cpu":"arm64","system_memory_available_bytes":4.5,"system_memory_low":false,
                   "system_memory_threshold_bytes":6.5,"application_memory_available_bytes":7.5,"application_memory_max_bytes":8.5,
                   "application_memory_total_bytes":9.5,"device_orientation":"portrait","status_bar_orientation":"portrait"}}
                """), Events: ["Played ▶ ünïcødé 🎵"]),
            new("custom_event_long_name", Event("custom_event", $$$$"""
                {"event_name":"{{{{longName}}}}","custom_event_type":"other","timestamp_unixtime_ms":{{{{t}}}},"custom_attributes":{"{{{{longName}}}}":"v"}}
                """), Events: [new string('n', 255)]),
            .. CustomEventTypes().Select(type => new ConformanceCase("custom_event_type_" + type, Event("custom_event", $$$$"""
                {"event_name":"Typed {{{{type}}}}","custom_event_type":"{{{{type}}}}","timestamp_unixtime_ms":{{{{t}}}}}
                """), Events: ["Typed " + type])),
            new("screen_view", Event("screen_view", $$$$"""
                {"screen_name":"Home","activity_type":"MainActivity","timestamp_unixtime_ms":{{{{t}}}},"session_id":42,
                 "custom_attributes":{"from":"menu"},"custom_flags":{"f":"1"}}
                """), Events: ["Viewed Home"]),
            new("session_start", Event("session_start", $$$$"""{"timestamp_unixtime_ms":{{{{t}}}},"session_uuid":"s-1","session_id":1}"""), Events: ["Session Start"]),
            new("session_end", Event("session_end", $$$$"""{"timestamp_unixtime_ms":{{{{t}}}},"session_uuid":"s-1","session_id":1,"session_duration_ms":60000}"""), Events: ["Session End"]),
            .. ProductActions().Select(action => new ConformanceCase("commerce_" + action, Commerce(t, $$$$"""
                "product_action":{"action":"{{{{action}}}}","checkout_step":2,"checkout_options":"express","product_action_list":"search",
                  "product_list_source":"results","transaction_id":"tx-{{{{action}}}}","affiliation":"store","total_amount":1234567890123456789.01,
                  "tax_amount":0,"shipping_amount":-1.5,"coupon_code":"SAVE","products":[{{{{ProductJson("sku-" + action)}}}}]}
                """, $"\"custom_event_type\":\"{action}\""),
                Events: action switch
                {
                    "purchase" => [],
                    "refund" => ["eCommerce - refund - Item", "eCommerce - refund - Total"],
                    _ => [$"eCommerce - {action} - Item"],
                },
                Purchases: action == "purchase" ? ["sku-purchase"] : [])),
            new("commerce_promotion_view", Commerce(t, """
                "promotion_action":{"action":"view","promotions":[{"id":"p-1","name":"Winter","creative":"banner","position":"top"}]}
                """, "\"custom_event_type\":\"promotion_view\""), Events: ["eCommerce - promotion_view - Item"]),
            new("commerce_promotion_click", Commerce(t, """
                "promotion_action":{"action":"click","promotions":[{"id":"p-2","name":"Summer","creative":"tile","position":"2"}]}
                """, "\"custom_event_type\":\"promotion_click\""), Events: ["eCommerce - promotion_click - Item"]),
            new("commerce_impression", Commerce(t, $$$$"""
                "product_impressions":[{"product_impression_list":"Search results","products":[{{{{ProductJson("sku-imp")}}}}]}]
                """, "\"custom_event_type\":\"impression\""), Events: ["eCommerce - impression - Item"]),
            new("user_attribute_change", Event("user_attribute_change", $$$$"""
                {"user_attribute_name":"plan","new":"pro","old":"free","deleted":false,"is_new_attribute":false,"timestamp_unixtime_ms":{{{{t}}}}}
                """), Attribute: ("plan", "pro")),
            new("user_attribute_change_list", Event("user_attribute_change", $$$$"""
                {"user_attribute_name":"sizes","new":["S",42,true],"old":null,"deleted":false,"is_new_attribute":true,"timestamp_unixtime_ms":{{{{t}}}}}
                """), Attribute: ("sizes", "S,42,true")),
            new("user_identity_change", Event("user_identity_change", $$$$"""
                {"new":{"identity_type":"other_id_2","identity":"o2","timestamp_unixtime_ms":{{{{t}}}},"created_this_batch":true},
                 "old":{"identity_type":"other_id_2","identity":null,"timestamp_unixtime_ms":{{{{t}}}},"created_this_batch":false},
                 "timestamp_unixtime_ms":{{{{t}}}}}
                """)),
            new("opt_out", Event("opt_out", $$$$"""{"is_opted_out":true,"timestamp_unixtime_ms":{{{{t}}}}}"""), EmailSubscribe: "unsubscribed"),
            new("push_registration", Event("push_registration", $$$$"""
                {"register":true,"registration_token":"token-conformance-0123456789","timestamp_unixtime_ms":{{{{t}}}}}
                """), PushToken: "token-conformance-0123456789"),
            new("push_message", Event("push_message", $$$$"""
                {"push_message_type":"received","push_message_token":"pt","message":"{\"aps\":{}}","network":"apn",
                 "application_state":"background","action_identifier":"open","push_message_behavior":3,"timestamp_unixtime_ms":{{{{t}}}}}
                """)),
            new("application_state_transition", Event("application_state_transition", $$$$"""
                {"application_transition_type":"application_initialized","is_first_run":true,"is_upgrade":false,"successfully_closed":true,
                 "push_notification_payload":"{}","launch_referral":"ad","timestamp_unixtime_ms":{{{{t}}}}}
                """)),
            new("crash_report", Event("crash_report", $$$$"""
                {"breadcrumbs":["a","b"],"class_name":"NullPointerException","severity":"fatal","message":"boom","stack_trace":"at x",
                 "exception_handled":false,"topmost_context":"Main","pl_crash_report_file_base64":"","ios_image_base_address":0,
                 "ios_image_size":0,"session_number":1,"timestamp_unixtime_ms":{{{{t}}}}}
                """)),
            new("breadcrumb", Event("breadcrumb", $$$$"""{"session_number":1,"label":"tapped buy","timestamp_unixtime_ms":{{{{t}}}}}""")),
            new("network_performance", Event("network_performance", $$$$"""
                {"http_verb":"GET","url":"https://example.com/","time_elapsed":120,"bytes_in":100,"bytes_out":10,"response_code":200,
                 "data":"","timestamp_unixtime_ms":{{{{t}}}}}
                """)),
            new("profile", Event("profile", $$$$"""
                {"previous_mpid":"-1","current_mpid":"1","profile_event_type":"login","timestamp_unixtime_ms":{{{{t}}}}}
                """)),
            new("uninstall", Event("uninstall", $$$$"""{"timestamp_unixtime_ms":{{{{t}}}}}""")),
            new("first_run", Event("first_run", $$$$"""{"timestamp_unixtime_ms":{{{{t}}}}}""")),
            new("pre_attribution", Event("pre_attribution", $$$$"""{"timestamp_unixtime_ms":{{{{t}}}}}""")),
            new("push_reaction", Event("push_reaction", $$$$"""{"timestamp_unixtime_ms":{{{{t}}}}}""")),
            new("validation_result", Event("validation_result", $$$$"""{"timestamp_unixtime_ms":{{{{t}}}}}""")),
            new("unknown", Event("unknown", $$$$"""{"timestamp_unixtime_ms":{{{{t}}}}}""")),
            new("no_events", _ => ""),
            new("time_before_1970", Event("custom_event", $$$$"""
                {"event_name":"Edge times","custom_event_type":"other","timestamp_unixtime_ms":-62135596800000}
                """), Events: ["Edge times"]),
        ];
    }

    /// <summary>The batch JSON of a case for its user, with every batch-level field of the schema filled in.</summary>
    public static string BatchJson(ConformanceCase c, long nowMs) =>
        $$$$"""
        {"schema_version":2,"environment":"development","source_request_id":"conformance-{{{{c.Name}}}}","mpid":"{{{{Mpid(c.Name)}}}}","ip":"203.0.113.9",
         "timestamp_unixtime_ms":{{{{nowMs}}}},"mp_deviceid":"mp-device",
         "user_identities":{"customer_id":"{{{{c.CustomerId}}}}","email":"{{{{c.Name}}}}@example.com","other":"o","other_id_3":"o3","google":"g","alias":"a",
           "mobile_number":"+34600000000","phone_number_2":"+34600000001","facebook_custom_audience_id":"fca"},
         "user_attributes":{"corpus":"{{{{c.Name}}}}","$FirstName":"Zoë","$Age":41,"$Gender":"female","$Country":"ES","$City":"Madrid","$Zip":"28001",
           "$Mobile":"+34 600 000 000","tags":["a",1,false],"vip":null,"score":1.50,"active":true},
         "deleted_user_attributes":["gone"],
         "device_info":{"platform":"iOS","ios_idfv":"5C0B7E4B-0000-4000-8000-{{{{Mpid(c.Name).ToString("D12", CultureInfo.InvariantCulture)[..12]}}}}",
           "ios_advertising_id":"00000000-0000-4000-8000-000000000000","att_authorization_status":"authorized","att_timestamp_unixtime_ms":{{{{nowMs}}}},
           "limit_ad_tracking":false,"brand":"Apple","product":"iPhone","device":"iPhone15,2","device_manufacturer":"Apple","device_model":"iPhone 14",
           "os_version":"17.0","build_identifier":"b","http_header_user_agent":"ua","screen_height":2556,"screen_width":1179,"screen_dpi":460,
           "device_country":"ES","locale_language":"es","locale_country":"ES","network_country":"es","network_carrier":"c","network_code":"01",
           "network_mobile_country_code":"214","timezone_offset":1,"cpu_architecture":"arm64","radio_access_technology":"LTE","is_tablet":false,
           "is_dst":false,"push_notification_sound_enabled":true,"push_notification_vibrate_enabled":true,"supports_telephony":true,"has_nfc":true,
           "bluetooth_enabled":true,"bluetooth_version":"5"},
         "application_info":{"application_name":"App","application_version":"1.2.3","application_build_number":"45","install_referrer":"store",
           "package":"com.example.app","os":"IOS"},
         "context":{"data_plan":{"plan_id":"plan","plan_version":2}},
         "consent_state":{"gdpr":{"marketing":{"consented":true,"document":"v1","timestamp_unixtime_ms":{{{{nowMs}}}},"location":"web","hardware_id":"h"}},
           "ccpa":{"data_sale_opt_out":{"consented":false,"document":"v1","timestamp_unixtime_ms":{{{{nowMs}}}},"location":"web","hardware_id":"h"}}},
         "integration_attributes":{"123":{"key":"value"}},"partner_identities":{"partner":"id"},
         "source_info":{"channel":"server_to_server","partner":"conformance","is_historical":false},
         "events":[{{{{c.EventJson(nowMs)}}}}]}
        """;

    private static long Mpid(string name)
    {
        // A stable, distinct positive MPID per case (FNV-1a over the name).
        var hash = 14695981039346656037UL;
        foreach (var ch in name)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return (long)(hash >> 2) + 1;
    }

    private static Func<long, string> Event(string type, string data) => _ => $$$$"""{"event_type":"{{{{type}}}}","data":{{{{data}}}}}""";

    private static Func<long, string> Commerce(string t, string body, string customEventType) => _ => $$$$"""
        {"event_type":"commerce_event","data":{"timestamp_unixtime_ms":{{{{t}}}},"currency_code":"EUR","screen_name":"Checkout",
         "is_non_interactive":false,"event_name":"Commerce","custom_attributes":{"campaign":"winter"},"custom_flags":{"f":"1"},
         "shopping_cart":{"products":[{{{{ProductJson("sku-cart")}}}}]},{{{{customEventType}}}},{{{{body}}}}}}
        """;

    private static string ProductJson(string id) => $$$$"""
        {"id":"{{{{id}}}}","name":"Shoe","brand":"Acme","category":"Shoes","variant":"red","position":1,"price":49.99,"quantity":2,
         "coupon_code":"C","added_to_cart_time_ms":0,"total_product_amount":99.98,"custom_attributes":{"size":"42","in_stock":true}}
        """;

    private static string[] CustomEventTypes() =>
        ["navigation", "location", "search", "transaction", "user_content", "user_preference", "social", "media", "other", "attribution", "unknown"];

    private static string[] ProductActions() =>
        ["add_to_cart", "remove_from_cart", "checkout", "checkout_option", "click", "view_detail", "purchase", "refund", "add_to_wishlist", "remove_from_wish_list"];
}

/// <summary>
/// One corpus batch and what its user should show in Braze: the custom event names, the purchases' product ids, a
/// custom attribute, the email subscription state and the push token (each checked when given).
/// </summary>
internal sealed record ConformanceCase(
    string Name,
    Func<long, string> EventJson,
    string[]? Events = null,
    string[]? Purchases = null,
    (string Name, string Value)? Attribute = null,
    string? EmailSubscribe = null,
    string? PushToken = null)
{
    public string CustomerId => "conf-" + Name;
}
