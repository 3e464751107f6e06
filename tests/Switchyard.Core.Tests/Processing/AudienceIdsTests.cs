using System.Text;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Tests.Processing;

public sealed class AudienceIdsTests
{
    [Fact]
    public void Ids_stay_in_ascending_order_whatever_order_they_are_added_in()
    {
        AudienceIds ids = [30, 10, 20];
        Assert.True(ids.Add(15));
        Assert.False(ids.Add(20));
        Assert.Equal([10, 15, 20, 30], ids.ToArray());
        Assert.Equal(4, ids.Count);
    }

    [Fact]
    public void Remove_and_contains_say_whether_the_profile_had_the_id()
    {
        AudienceIds ids = [1, 2, 3];
        Assert.True(ids.Remove(2));
        Assert.False(ids.Remove(2));
        // The set's own lookup (a binary search), not an enumeration of it.
        var (hasTwo, hasThree) = (ids.Contains(2), ids.Contains(3));
        Assert.False(hasTwo);
        Assert.True(hasThree);
        ids.Clear();
        Assert.Empty(ids);
    }

    [Fact]
    public void A_stored_document_lists_the_ids_in_order_and_reading_it_drops_repeats()
    {
        var profile = new Profile { Mpid = 7, Audiences = [5, 2, 9] };
        var document = Encoding.UTF8.GetString(ProfileDocuments.SerializeToUtf8(profile));
        Assert.Contains("\"audiences\":[2,5,9]", document, StringComparison.Ordinal);

        var read = ProfileDocuments.Deserialize(Encoding.UTF8.GetBytes(document.Replace("[2,5,9]", "[9,2,5,2]", StringComparison.Ordinal)));
        Assert.Equal([2, 5, 9], read.Audiences.ToArray());
    }
}
