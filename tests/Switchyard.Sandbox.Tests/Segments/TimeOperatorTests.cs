namespace Switchyard.Sandbox.Tests.Segments;

/// <summary>Evaluated at <see cref="FilterHarness.Now"/> = 2026-06-15T12:00:00Z.</summary>
public sealed class TimeOperatorTests
{
    [Theory]
    [InlineData("\"2026-01-01T00:00:00Z\"", true)]
    [InlineData("\"2026-03-01\"", false)]
    [InlineData("\"2026-02-28T23:59:59+00:00\"", true)]
    [InlineData(null, false)]
    [InlineData("\"not a date\"", false)]
    public void Before_a_date(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("before", "\"value\":\"2026-03-01\"", value));

    [Theory]
    [InlineData("\"2026-03-01T00:00:01Z\"", true)]
    [InlineData("\"2026-03-01\"", false)]
    [InlineData(null, false)]
    public void After_a_date(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("after", "\"value\":\"2026-03-01\"", value));

    [Theory]
    [InlineData("\"2026-06-08T11:59:59Z\"", true)]
    [InlineData("\"2026-06-08T12:00:01Z\"", false)]
    [InlineData(null, false)]
    public void More_than_N_days_ago_counts_24_hour_days_from_now(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("more_than_days_ago", "\"value\":7", value));

    [Theory]
    [InlineData("\"2026-06-08T12:00:01Z\"", true)]
    [InlineData("\"2026-06-15T11:00:00Z\"", true)]
    [InlineData("\"2026-06-08T11:59:59Z\"", false)]
    [InlineData("\"2026-06-16T00:00:00Z\"", false)]
    [InlineData(null, false)]
    public void Less_than_N_days_ago_is_the_window_up_to_now(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("less_than_days_ago", "\"value\":7", value));

    [Theory]
    [InlineData("\"2026-06-17T12:00:01Z\"", true)]
    [InlineData("\"2026-06-17T11:59:59Z\"", false)]
    [InlineData(null, false)]
    public void In_more_than_N_days(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("in_more_than_days", "\"value\":2", value));

    [Theory]
    [InlineData("\"2026-06-17T11:59:59Z\"", true)]
    [InlineData("\"2026-06-15T12:00:00Z\"", true)]
    [InlineData("\"2026-06-17T12:00:01Z\"", false)]
    [InlineData("\"2026-06-14T00:00:00Z\"", false)]
    [InlineData(null, false)]
    public void In_less_than_N_days_is_the_window_from_now(string? value, bool expected) =>
        Assert.Equal(expected, FilterHarness.Matches("in_less_than_days", "\"value\":2", value));

    [Theory]
    [InlineData(null, true)]
    [InlineData("\"2026-01-01\"", false)]
    public void Blank_and_not_blank_on_times(string? value, bool expected)
    {
        Assert.Equal(expected, FilterHarness.Matches("is_blank", "", value, "time"));
        Assert.Equal(!expected, FilterHarness.Matches("is_not_blank", "", value, "time"));
    }
}
