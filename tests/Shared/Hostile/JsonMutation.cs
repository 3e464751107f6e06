namespace Switchyard.Testing.Hostile;

/// <summary>A sample body with one change: <see cref="What"/> (a corpus row) at <see cref="Where"/> (a JSON path).</summary>
internal sealed record JsonMutation(string Where, string What, byte[] Body, HostileExpectation Expect);
