using System.Text;
using Switchyard.Core.Privacy;

namespace Switchyard.Core.Tests.Privacy;

public sealed class BatchOwnershipTests
{
    private static DsrSubject Subject()
    {
        var subject = new DsrSubject();
        subject.Add("email", "a@example.com");
        subject.Add("customer_id", "c-1");
        subject.Add("device:ios_idfv", "SHARED");
        subject.AddMpid(-77);
        return subject;
    }

    [Theory]
    [InlineData("""{"user_identities":{"email":"a@example.com"}}""", true)]
    [InlineData("""{"user_identities":{"customerid":"c-1"}}""", true)]
    [InlineData("""{"mpid":-77}""", true)]
    [InlineData("""{"mpid":"-77"}""", true)]
    [InlineData("""{"device_info":{"ios_idfv":"SHARED"}}""", true)]
    [InlineData("""{"user_identities":{"email":"b@example.com"},"device_info":{"ios_idfv":"SHARED"}}""", false)]
    [InlineData("""{"user_identities":{"email":"A@example.com"}}""", false)]
    [InlineData("""{"mpid":78}""", false)]
    [InlineData("""not json""", false)]
    public void A_batch_belongs_to_the_subject_by_mpid_or_user_identity_and_by_device_only_when_it_names_no_user(string batch, bool belongs)
    {
        Assert.Equal(belongs, BatchOwnership.Belongs(Encoding.UTF8.GetBytes(batch), Subject()));
    }
}
