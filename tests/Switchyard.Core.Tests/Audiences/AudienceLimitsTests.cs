using Switchyard.Core.Audiences;
using Switchyard.Core.Processing;
using Switchyard.Core.Tests.Processing.Support;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

/// <summary>
/// <see cref="AudienceLimits"/>: criteria that need more history than the processor records (the event retention, the
/// latest N occurrences per key) are refused with their path, instead of answering wrongly.
/// </summary>
public sealed class AudienceLimitsTests
{
    private const string Played = """{"type":"custom_event","name":"Played"}""";

    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private const int Cap = 1000;

    private static IReadOnlyList<AudienceValidationError> Check(string criteria, TimeSpan? retention = null, int cap = Cap, long nowMs = 0) =>
        AudienceLimits.Check(Definition(criteria), retention ?? Retention, cap, nowMs == 0 ? Now : nowMs);

    private static AudienceValidationError SingleError(string criteria, TimeSpan? retention = null, int cap = Cap, long nowMs = 0) =>
        Assert.Single(Check(criteria, retention, cap, nowMs));

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    public void A_rolling_window_within_the_retention_is_accepted(int days) =>
        Assert.Empty(Check($$$"""{"event":{{{Played}}},"within_days":{{{days}}}}"""));

    [Theory]
    [InlineData(31)]
    [InlineData(3650)]
    public void A_rolling_window_longer_than_the_retention_is_refused(int days)
    {
        var error = SingleError($$$"""{"event":{{{Played}}},"within_days":{{{days}}}}""");

        Assert.Equal("criteria.within_days", error.Path);
        Assert.Contains("30 days", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_retention_of_part_days_allows_only_the_whole_days_it_covers()
    {
        var retention = TimeSpan.FromHours(36);
        Assert.Empty(Check($$$"""{"event":{{{Played}}},"within_days":1}""", retention));
        Assert.Equal("criteria.within_days", SingleError($$$"""{"event":{{{Played}}},"within_days":2}""", retention).Path);
    }

    [Fact]
    public void Paths_name_the_criterion_wherever_it_is_nested()
    {
        var errors = Check($$$$"""
            {"and":[{"identity":"email"},
                    {"or":[{"attribute":"a","operator":"exists"},
                           {"not":{"event":{{{{Played}}}},"within_days":45,"count":{"operator":"at_least","value":2000}}}]}]}
            """);

        Assert.Equal(
            ["criteria.and[1].or[1].not.within_days", "criteria.and[1].or[1].not.count.value"],
            errors.Select(e => e.Path));
    }

    // Now is 2026-03-15T12:00Z, so with 30 days kept occurrences reach back to 2026-02-13T12:00Z.
    [Theory]
    [InlineData("2026-02-14", "2026-02-20")]
    [InlineData("2026-03-15", "2026-03-15")]
    [InlineData("2026-04-01", "2026-12-31")]
    public void A_date_range_whose_first_day_is_fully_recorded_is_accepted(string from, string to) =>
        Assert.Empty(Check($$$"""{"event":{{{Played}}},"between":{"from":"{{{from}}}","to":"{{{to}}}"}}"""));

    [Theory]
    [InlineData("2026-02-13", "2026-02-20")]
    [InlineData("2026-01-01", "2026-12-31")]
    [InlineData("0001-01-01", "0001-01-01")]
    public void A_date_range_starting_before_the_recorded_occurrences_is_refused(string from, string to)
    {
        var error = SingleError($$$"""{"event":{{{Played}}},"between":{"from":"{{{from}}}","to":"{{{to}}}"}}""");

        Assert.Equal("criteria.between.from", error.Path);
        Assert.Contains("the earliest whole day kept is 2026-02-14", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_midnight_the_day_the_retention_starts_is_whole()
    {
        var midnight = Now - (DayMs / 2);
        Assert.Empty(Check($$$"""{"event":{{{Played}}},"between":{"from":"2026-02-13","to":"2026-02-13"}}""", nowMs: midnight));
        Assert.Equal("criteria.between.from", SingleError($$$"""{"event":{{{Played}}},"between":{"from":"2026-02-12","to":"2026-02-13"}}""", nowMs: midnight).Path);
    }

    [Theory]
    [InlineData("at_least", 1000, null)]
    [InlineData("exactly", 999, null)]
    [InlineData("at_most", 999, null)]
    [InlineData("between", 999, 999L)]
    [InlineData("between", 0, 999L)]
    public void A_count_the_kept_occurrences_can_decide_is_accepted(string op, long value, long? max) =>
        Assert.Empty(Check(Counted(op, value, max, """ "within_days":7 """)));

    [Theory]
    [InlineData("at_least", 1001, null, "criteria.count.value")]
    [InlineData("exactly", 1000, null, "criteria.count.value")]
    [InlineData("at_most", 1000, null, "criteria.count.value")]
    [InlineData("between", 0, 1000L, "criteria.count.max")]
    [InlineData("between", 1001, 5000L, "criteria.count.value")]
    [InlineData("at_least", 9223372036854775807, null, "criteria.count.value")]
    public void A_count_beyond_the_kept_occurrences_is_refused_when_occurrences_are_counted(string op, long value, long? max, string path)
    {
        Assert.Equal(path, SingleError(Counted(op, value, max, """ "within_days":7 """)).Path);
        Assert.Equal(path, SingleError(Counted(op, value, max, """ "between":{"from":"2026-03-01","to":"2026-03-31"} """)).Path);
        Assert.Equal(path, SingleError(Counted(op, value, max, """ "where":[{"attribute":"genre","operator":"equals","value":"jazz"}] """)).Path);
    }

    [Theory]
    [InlineData("at_least", 1001, null)]
    [InlineData("exactly", 5000, null)]
    [InlineData("between", 2000, 9223372036854775807L)]
    public void An_all_time_count_without_where_is_unbounded(string op, long value, long? max) =>
        Assert.Empty(Check(Counted(op, value, max, extra: null)));

    [Fact]
    public void Without_kept_occurrences_even_the_default_count_is_refused_at_the_criterion()
    {
        var error = SingleError("""{"and":[{"event":{"type":"session_start"},"within_days":1}]}""", cap: 0);
        Assert.Equal("criteria.and[0]", error.Path);
        Assert.Empty(Check("""{"event":{"type":"session_start"}}""", cap: 0));
    }

    [Fact]
    public void Every_problem_of_a_definition_is_reported()
    {
        var errors = Check($$$"""
            {"and":[{"event":{{{Played}}},"within_days":60,"count":{"operator":"exactly","value":1000}},
                    {"event":{"type":"commerce_event","action":"purchase"},"between":{"from":"2025-01-01","to":"2026-03-31"}}]}
            """);

        Assert.Equal(["criteria.and[0].within_days", "criteria.and[0].count.value", "criteria.and[1].between.from"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Criteria_without_events_have_no_limits() =>
        Assert.Empty(Check("""{"and":[{"attribute":"plan","operator":"equals","value":"pro"},{"identity":"email"},{"member_of":2}]}""", TimeSpan.Zero, 0));

    [Fact]
    public void The_check_is_pure()
    {
        const string criteria = """{"event":{"type":"session_start"},"within_days":40}""";
        Assert.Equal(Check(criteria), Check(criteria));
    }

    [Fact]
    public void Broken_settings_are_a_bug_not_a_validation_error()
    {
        var definition = Definition("""{"identity":"email"}""");
        Assert.Throws<ArgumentOutOfRangeException>(() => AudienceLimits.Check(definition, TimeSpan.FromDays(-1), Cap, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => AudienceLimits.Check(definition, Retention, -1, Now));
        Assert.Throws<ArgumentNullException>(() => AudienceLimits.Check(null!, Retention, Cap, Now));
    }

    /// <summary>
    /// Why the cap itself is refused for at_most: with 3 occurrences kept, a user who played 4 times looks like one
    /// who played 3 times, so "at most 3" would wrongly include them; "at most 2" still answers right.
    /// </summary>
    [Fact]
    public void At_most_the_cap_is_refused_because_the_recorder_cannot_tell_it_from_more()
    {
        var settings = new ProcessingSettings { EventRetention = Retention, MaxOccurrencesPerEventKey = 3 };
        var atMost3 = Definition($$$"""{"event":{{{Played}}},"within_days":7,"count":{"operator":"at_most","value":3}}""", id: 1);
        var atMost2 = Definition($$$"""{"event":{{{Played}}},"within_days":7,"count":{"operator":"at_most","value":2}}""", id: 2);
        var store = new InMemoryProfileStore();
        using var session = store.BeginSession();
        var batch = TestBatches.For(customerId: "c1").WithEvents(
            [.. Enumerable.Range(1, 4).Select(i => TestBatches.Custom("Played", Now - (i * DayMs)))]);

        var outcome = ProcessingHarness.Completed(new BatchProcessor(settings).ProcessAsync(session, batch, Now, AudienceCatalog.Create([atMost3, atMost2]), Now, default));

        Assert.Equal([1], outcome.Changes.Select(c => c.AudienceId));
        Assert.Equal("criteria.count.value", Assert.Single(AudienceLimits.Check(atMost3, settings.EventRetention, settings.MaxOccurrencesPerEventKey, Now)).Path);
        Assert.Empty(AudienceLimits.Check(atMost2, settings.EventRetention, settings.MaxOccurrencesPerEventKey, Now));
    }

    private static string Counted(string op, long value, long? max, string? extra)
    {
        var count = max is { } m
            ? $$"""{"operator":"{{op}}","value":{{value}},"max":{{m}}}"""
            : $$"""{"operator":"{{op}}","value":{{value}}}""";
        return extra is null
            ? $$$"""{"event":{{{Played}}},"count":{{{count}}}}"""
            : $$$"""{"event":{{{Played}}},"count":{{{count}}},{{{extra}}}}""";
    }
}
