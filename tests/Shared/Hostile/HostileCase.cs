namespace Switchyard.Testing.Hostile;

/// <summary>One request of the corpus, named so a failure says which class of input it was.</summary>
internal sealed record HostileCase(string Name, RawRequest Request, HostileExpectation Expect);
