using System.Collections;

namespace Switchyard.Core.Profiles;

/// <summary>
/// The ids of the audiences a profile belongs to, kept in ascending order so a stored document lists them the same way
/// every time. A profile belongs to a handful of audiences, so the ids live in one sorted list: reading a document or
/// enumerating the ids allocates no node per id and no enumerator, unlike a <see cref="SortedSet{T}"/>.
/// </summary>
public sealed class AudienceIds : ICollection<int>, IReadOnlyCollection<int>
{
    private readonly List<int> _ids = [];

    public int Count => _ids.Count;

    bool ICollection<int>.IsReadOnly => false;

    /// <summary>Adds <paramref name="id"/> in its place; false when the profile already had it.</summary>
    public bool Add(int id)
    {
        var at = _ids.BinarySearch(id);
        if (at >= 0)
        {
            return false;
        }

        _ids.Insert(~at, id);
        return true;
    }

    void ICollection<int>.Add(int item) => Add(item);

    /// <summary>Removes <paramref name="id"/>; false when the profile did not have it.</summary>
    public bool Remove(int id)
    {
        var at = _ids.BinarySearch(id);
        if (at < 0)
        {
            return false;
        }

        _ids.RemoveAt(at);
        return true;
    }

    public bool Contains(int id) => _ids.BinarySearch(id) >= 0;

    public void Clear() => _ids.Clear();

    public void CopyTo(int[] array, int arrayIndex) => _ids.CopyTo(array, arrayIndex);

    /// <summary>The ids in ascending order.</summary>
    public List<int>.Enumerator GetEnumerator() => _ids.GetEnumerator();

    IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
