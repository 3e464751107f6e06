using Switchyard.Sandbox.Time;

namespace Switchyard.Sandbox.Tests.Time;

public sealed class BrazeTimeTests
{
    [Theory]
    [InlineData("2020-05-28T13:14:15Z", "2020-05-28T13:14:15.000Z")]
    [InlineData("2020-05-28T13:14:15.123Z", "2020-05-28T13:14:15.123Z")]
    [InlineData("2020-05-28T13:14:15+02:00", "2020-05-28T11:14:15.000Z")]
    [InlineData("2020-05-28T13:14:15:123Z", "2020-05-28T13:14:15.123Z")]
    [InlineData("2020-05-28T13:14:15:123-0100", "2020-05-28T14:14:15.123Z")]
    [InlineData("2020-05-28T13:14:15", "2020-05-28T13:14:15.000Z")]
    [InlineData("2020-05-28 13:14:15", "2020-05-28T13:14:15.000Z")]
    [InlineData("2020-05-28", "2020-05-28T00:00:00.000Z")]
    [InlineData("05/28/2020", "2020-05-28T00:00:00.000Z")]
    [InlineData("Thu May 28 13:14:15 UTC 2020", "2020-05-28T13:14:15.000Z")]
    public void Each_documented_format_parses_to_utc(string text, string canonical)
    {
        Assert.True(BrazeTime.TryParse(text, out var time));
        Assert.Equal(canonical, BrazeTime.Format(time));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2020-13-01")]
    [InlineData("28.05.2020")]
    [InlineData("12345")]
    [InlineData("")]
    public void Other_strings_are_not_times(string text)
    {
        Assert.False(BrazeTime.TryParse(text, out _));
    }

    [Fact]
    public void A_future_time_is_clamped_to_now()
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(now, BrazeTime.Clamp(now.AddDays(1), now));
        Assert.Equal(now.AddDays(-1), BrazeTime.Clamp(now.AddDays(-1), now));
    }
}
