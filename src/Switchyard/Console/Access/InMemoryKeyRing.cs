using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Switchyard.Console.Access;

/// <summary>
/// Keeps the data protection keys (which sign the console's cookies and form tokens) in memory only: nothing is written
/// to the user's home directory, and a restart simply asks the browser to sign in again.
/// </summary>
internal sealed class InMemoryKeyRing : IXmlRepository
{
    private readonly Lock _lock = new();
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_lock)
        {
            return [.. _elements.Select(e => new XElement(e))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_lock)
        {
            _elements.Add(new XElement(element));
        }
    }
}
