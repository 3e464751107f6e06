namespace Switchyard.Braze.Engine;

/// <summary>
/// How far a part has gone out over the requests of one pass: the packer splits a part in order (BrazeRequestPacker
/// remarks), so its delivered events and purchases are leading runs of its arrays until a request fails for it.
/// </summary>
internal struct PartProgress
{
    public int Events;
    public int Purchases;
    public bool Failed;
}
