using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Storage.Sqlite.Tests.Profiles;

/// <summary>The first sizes of a session's records follow the sessions before it, shrink slowly and stay bounded.</summary>
public sealed class SessionSizesTests
{
    [Fact]
    public void The_hint_takes_a_larger_session_at_once_and_shrinks_by_a_quarter_per_smaller_one()
    {
        var hint = SessionSizes.None.After(new SessionSizes(256, 768, 2_000));
        Assert.Equal(new SessionSizes(256, 768, 2_000), hint);

        hint = hint.After(new SessionSizes(1, 2, 3));
        Assert.Equal(new SessionSizes(192, 576, 1_500), hint);

        hint = hint.After(new SessionSizes(300, 10, 10));
        Assert.Equal(new SessionSizes(300, 432, 1_125), hint);
    }

    [Fact]
    public void One_very_large_session_asks_for_no_more_than_the_cap()
    {
        var hint = SessionSizes.None.After(new SessionSizes(1_000_000, 3_000_000, 5_000_000));
        Assert.Equal(new SessionSizes(SessionSizes.Cap, SessionSizes.Cap, SessionSizes.Cap), hint);
    }
}
