using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;
using Switchyard.Core.Tests.Processing.Support;
using static Switchyard.Core.Tests.Processing.Support.TestBatches;

namespace Switchyard.Core.Tests.Processing;

/// <summary>Which profile a batch lands on: new, returning, linked, merged, conflicting (reference/mparticle.md §1.5, §1.6).</summary>
public class IdentityResolutionTests
{
    private readonly ProcessingHarness _harness = new();

    [Fact]
    public void A_batch_from_an_unknown_user_creates_a_profile_linked_to_all_its_identities()
    {
        var batch = For(customerId: "c1", email: "a@x.io", idfv: "dev-1");
        batch.UserIdentities!.Other = "o-1";

        var outcome = _harness.Process(batch);

        Assert.True(outcome.CreatedProfile);
        Assert.False(outcome.Conflict);
        var profile = _harness.Profile(outcome.Mpid);
        Assert.Equal("c1", profile.UserIdentities[IdentityKeys.CustomerId]);
        Assert.Equal("o-1", profile.UserIdentities["other"]);
        Assert.Equal("dev-1", profile.DeviceIdentities["ios_idfv"]);
        Assert.Equal(outcome.Mpid, _harness.Store.FindMpid(IdentityKeys.Email, "a@x.io"));
        Assert.Equal(outcome.Mpid, _harness.Store.FindMpid(IdentityKeys.Device("ios_idfv"), "dev-1"));
    }

    [Fact]
    public void A_returning_user_is_found_by_customer_id()
    {
        var first = _harness.Process(For(customerId: "c1"));

        var second = _harness.Process(For(customerId: "c1", idfv: "dev-9"));

        Assert.False(second.CreatedProfile);
        Assert.Equal(first.Mpid, second.Mpid);
        Assert.Single(_harness.Store.Documents);
    }

    [Fact]
    public void A_returning_user_is_found_by_email_and_gets_the_customer_id_it_lacked()
    {
        var first = _harness.Process(For(email: "a@x.io"));

        var second = _harness.Process(For(customerId: "c1", email: "a@x.io"));

        Assert.Equal(first.Mpid, second.Mpid);
        Assert.Equal("c1", _harness.Profile(first.Mpid).UserIdentities[IdentityKeys.CustomerId]);
        Assert.Equal(first.Mpid, _harness.Store.FindMpid(IdentityKeys.CustomerId, "c1"));
    }

    [Fact]
    public void The_customerid_spelling_finds_the_same_user_as_customer_id()
    {
        var first = _harness.Process(For(customerId: "c1"));
        var batch = new Batch { UserIdentities = System.Text.Json.JsonSerializer.Deserialize<UserIdentities>("""{"customerid":"c1"}""") };

        Assert.Equal(first.Mpid, _harness.Process(batch).Mpid);
    }

    [Fact]
    public void An_anonymous_device_profile_is_linked_when_it_later_sends_a_customer_id()
    {
        var anonymous = _harness.Process(For(idfv: "dev-1").WithAttributes(("plan", Text("free"))));

        var identified = _harness.Process(For(customerId: "c1", idfv: "dev-1"));

        Assert.False(identified.CreatedProfile);
        Assert.Equal(anonymous.Mpid, identified.Mpid);
        Assert.Single(_harness.Store.Documents);
        Assert.Equal("free", _harness.Profile(anonymous.Mpid).Attributes["plan"].Text);
        Assert.Equal(anonymous.Mpid, _harness.Store.FindMpid(IdentityKeys.CustomerId, "c1"));
    }

    [Fact]
    public void An_anonymous_device_profile_is_merged_into_the_known_user_it_turns_out_to_be()
    {
        _harness.Audiences.AttributeEquals(7, "plan", "free");
        var known = _harness.Process(For(customerId: "c1", atMs: T0).WithAttributes(("plan", Text("pro")), ("city", Text("Oslo")))
            .WithEvents(Custom("Played", T0)));
        var anonymous = _harness.Process(For(idfv: "dev-1", atMs: T0 + 10).WithAttributes(("plan", Text("free")))
            .WithEvents(Custom("Played", T0 + 10), Custom("Opened", T0 + 10)), T0 + 10);
        Assert.NotEqual(known.Mpid, anonymous.Mpid);

        var outcome = _harness.Process(For(customerId: "c1", idfv: "dev-1", atMs: T0 + 5), T0 + 20);

        Assert.Equal(known.Mpid, outcome.Mpid);
        Assert.Null(_harness.Store.FindProfile(anonymous.Mpid));
        var merged = _harness.Profile(known.Mpid);
        Assert.Equal("free", merged.Attributes["plan"].Text);
        Assert.Equal("Oslo", merged.Attributes["city"].Text);
        Assert.Equal(2, merged.Events[EventKeys.Custom("Played")].TotalCount);
        Assert.Equal(2, merged.Events[EventKeys.Custom("Played")].Recent.Count);
        Assert.Equal(1, merged.Events[EventKeys.Custom("Opened")].TotalCount);
        Assert.Equal(known.Mpid, _harness.Store.FindMpid(IdentityKeys.Device("ios_idfv"), "dev-1"));
        Assert.Contains(outcome.Changes, c => c is { Mpid: var m, AudienceId: 7, Action: MembershipAction.Remove } && m == anonymous.Mpid);
        Assert.Contains(outcome.Changes, c => c is { Mpid: var m, AudienceId: 7, Action: MembershipAction.Add } && m == known.Mpid);
    }

    [Fact]
    public void A_device_used_by_another_known_user_moves_to_the_latest_user_without_a_merge()
    {
        var alice = _harness.Process(For(customerId: "alice", idfv: "shared"));

        var bob = _harness.Process(For(customerId: "bob", idfv: "shared"));

        Assert.NotEqual(alice.Mpid, bob.Mpid);
        Assert.True(bob.CreatedProfile);
        Assert.False(bob.Conflict);
        Assert.Equal(bob.Mpid, _harness.Store.FindMpid(IdentityKeys.Device("ios_idfv"), "shared"));
        Assert.Empty(_harness.Profile(alice.Mpid).DeviceIdentities);
        Assert.Equal("alice", _harness.Profile(alice.Mpid).UserIdentities[IdentityKeys.CustomerId]);
    }

    [Fact]
    public void A_known_user_who_shared_two_identities_with_the_batch_loses_both_and_keeps_the_rest()
    {
        var aliceBatch = For(customerId: "alice", idfv: "shared");
        aliceBatch.UserIdentities!.Other = "household-7";
        var alice = _harness.Process(aliceBatch.WithAttributes(("plan", Text("pro"))));
        var bobBatch = For(customerId: "bob", idfv: "shared");
        bobBatch.UserIdentities!.Other = "household-7";

        var bob = _harness.Process(bobBatch);

        var left = _harness.Profile(alice.Mpid);
        Assert.Empty(left.DeviceIdentities);
        Assert.False(left.UserIdentities.ContainsKey("other"));
        Assert.Equal("pro", left.Attributes["plan"].Text);
        Assert.Equal(bob.Mpid, _harness.Store.FindMpid("other", "household-7"));
        Assert.Equal(alice.Mpid, _harness.Store.FindMpid(IdentityKeys.CustomerId, "alice"));
    }

    [Fact]
    public void A_customerid_setting_means_customer_id()
    {
        var harness = new ProcessingHarness(new Switchyard.Core.Processing.ProcessingSettings { UniqueIdentities = ["customerid"] });
        var first = harness.Process(For(customerId: "c1", idfv: "dev-1"));

        var other = harness.Process(For(customerId: "c2", idfv: "dev-1"));

        Assert.NotEqual(first.Mpid, other.Mpid);
    }

    [Fact]
    public void Conflict_the_highest_priority_unique_identity_wins_and_the_other_user_keeps_its_identity()
    {
        var a = _harness.Process(For(customerId: "A"));
        var b = _harness.Process(For(customerId: "B", email: "b@x.io"));

        var outcome = _harness.Process(For(customerId: "A", email: "b@x.io").WithAttributes(("seen", Text("yes"))));

        Assert.True(outcome.Conflict);
        Assert.Equal(a.Mpid, outcome.Mpid);
        Assert.Equal("yes", _harness.Profile(a.Mpid).Attributes["seen"].Text);
        Assert.False(_harness.Profile(a.Mpid).UserIdentities.ContainsKey(IdentityKeys.Email));
        Assert.Equal(b.Mpid, _harness.Store.FindMpid(IdentityKeys.Email, "b@x.io"));
        Assert.False(_harness.Profile(b.Mpid).Attributes.ContainsKey("seen"));
    }

    [Fact]
    public void A_profile_found_by_email_that_holds_another_customer_id_is_a_different_user()
    {
        var a = _harness.Process(For(customerId: "A", email: "shared@x.io"));

        var outcome = _harness.Process(For(customerId: "B", email: "shared@x.io"));

        Assert.NotEqual(a.Mpid, outcome.Mpid);
        Assert.True(outcome.CreatedProfile);
        Assert.True(outcome.Conflict);
        Assert.Equal(a.Mpid, _harness.Store.FindMpid(IdentityKeys.Email, "shared@x.io"));
    }

    [Fact]
    public void A_batch_mpid_is_honoured_when_that_profile_exists()
    {
        var first = _harness.Process(For(idfv: "dev-1"));

        var outcome = _harness.Process(new Batch { Mpid = first.Mpid }.WithAttributes(("k", Text("v"))));

        Assert.Equal(first.Mpid, outcome.Mpid);
        Assert.Equal("v", _harness.Profile(first.Mpid).Attributes["k"].Text);
    }

    [Fact]
    public void A_batch_mpid_outranks_a_customer_id_that_belongs_to_someone_else_and_reports_a_conflict()
    {
        var known = _harness.Process(For(customerId: "c1"));
        var other = _harness.Process(For(idfv: "dev-1"));

        var outcome = _harness.Process(For(customerId: "c1", mpid: other.Mpid));

        Assert.Equal(other.Mpid, outcome.Mpid);
        Assert.True(outcome.Conflict);
        Assert.Equal(known.Mpid, _harness.Store.FindMpid(IdentityKeys.CustomerId, "c1"));
    }

    [Fact]
    public void An_unknown_batch_mpid_is_ignored_and_a_fresh_mpid_assigned()
    {
        var outcome = _harness.Process(new Batch { Mpid = 42 });

        Assert.True(outcome.CreatedProfile);
        Assert.NotEqual(42, outcome.Mpid);
    }

    [Fact]
    public void A_new_email_for_the_same_customer_id_replaces_the_email_link()
    {
        var first = _harness.Process(For(customerId: "c1", email: "old@x.io", atMs: T0));

        _harness.Process(For(customerId: "c1", email: "new@x.io", atMs: T0 + 1000));

        Assert.Equal("new@x.io", _harness.Profile(first.Mpid).UserIdentities[IdentityKeys.Email]);
        Assert.Equal(first.Mpid, _harness.Store.FindMpid(IdentityKeys.Email, "new@x.io"));
        Assert.Null(_harness.Store.FindMpid(IdentityKeys.Email, "old@x.io"));
    }

    [Fact]
    public void A_non_unique_user_identity_finds_the_anonymous_profile_that_sent_it()
    {
        var first = _harness.Process(new Batch { UserIdentities = new UserIdentities { Other = "o-1" } });

        var second = _harness.Process(new Batch { UserIdentities = new UserIdentities { Other = "o-1", Email = "a@x.io" } });

        Assert.Equal(first.Mpid, second.Mpid);
        Assert.Equal("a@x.io", _harness.Profile(first.Mpid).UserIdentities[IdentityKeys.Email]);
    }

    [Fact]
    public void An_older_batch_does_not_replace_a_device_identity()
    {
        var first = _harness.Process(For(customerId: "c1", idfv: "new-device", atMs: T0 + 1000).WithEvents(Custom("A", T0 + 1000)));

        _harness.Process(For(customerId: "c1", idfv: "old-device", atMs: T0));

        Assert.Equal("new-device", _harness.Profile(first.Mpid).DeviceIdentities["ios_idfv"]);
        Assert.Null(_harness.Store.FindMpid(IdentityKeys.Device("ios_idfv"), "old-device"));
    }

    [Fact]
    public void An_older_batch_does_not_roll_an_email_back()
    {
        var first = _harness.Process(For(customerId: "c1", email: "new@x.io", atMs: T0 + 1000));

        _harness.Process(For(customerId: "c1", email: "old@x.io", atMs: T0));

        Assert.Equal("new@x.io", _harness.Profile(first.Mpid).UserIdentities[IdentityKeys.Email]);
    }
}
