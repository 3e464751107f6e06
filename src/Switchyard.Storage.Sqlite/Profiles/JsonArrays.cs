using System.Globalization;
using System.Text;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>
/// Numbers as one JSON array text: a statement reads it with <c>json_each</c> as its IN list, so the statement text
/// (and its prepared form) stays the same whatever the count.
/// </summary>
internal static class JsonArrays
{
    public static string Of<T>(IEnumerable<T> values)
        where T : IFormattable
    {
        var text = new StringBuilder("[");
        foreach (var value in values)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(value.ToString(null, CultureInfo.InvariantCulture));
        }

        return text.Append(']').ToString();
    }
}
