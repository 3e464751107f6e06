using Switchyard.Sandbox.Tests.Track;

namespace Switchyard.Sandbox.Tests.Users;

public sealed class UserStoreRollBackTests
{
    private readonly TrackHarness _sandbox = new();

    [Fact]
    public void A_request_that_throws_midway_leaves_users_and_indexes_as_they_were()
    {
        _sandbox.Attributes("""{"external_id":"u1","plan":"gold"}""");

        Assert.Throws<InvalidOperationException>(() => _sandbox.Store.Write<int>(TrackHarness.Key, session =>
        {
            var user = session.FindByExternalId("u1")!;
            user.CustomAttributes.Clear();
            session.SetExternalId(session.Create(), "u2");
            session.Delete(user);
            session.DataPoints.CustomAttributes += 5;
            throw new InvalidOperationException("bug in a handler");
        }));

        var remaining = Assert.Single(_sandbox.Store.Snapshot());
        Assert.Equal("u1", remaining.ExternalId);
        Assert.Equal("\"gold\"", _sandbox.CustomJson("u1", "plan"));
        Assert.Equal(1, _sandbox.DataPoints);
        Assert.Same(
            _sandbox.Store.Write(null, s => s.FindByExternalId("u1")),
            _sandbox.Store.Write(null, s => s.FindAll(u => u.ExternalId == "u1").Single()));
        Assert.Null(_sandbox.Store.Write(null, s => s.FindByExternalId("u2")));
    }
}
