namespace Switchyard.Testing.Hostile;

/// <summary>What a hostile request may get back. In every case: never a 5xx, never a hang, a 4xx has a JSON error body.</summary>
internal enum HostileExpectation
{
    /// <summary>A route that reads the body must refuse it with a 4xx (a route that reads none may answer 2xx).</summary>
    Refused,

    /// <summary>
    /// Refused, except by a route that documents that it ignores unknown properties without reading them (the Events
    /// API, docs/events-api.md), where the oddity sits in one: there the 2xx is the defined answer.
    /// </summary>
    RefusedUnlessUnknownIgnored,

    /// <summary>Well-formed but odd (a huge number, a wrong type): a 2xx the route defines, or a 4xx.</summary>
    AnyAnswer,

    /// <summary>The client stops mid-body: a 4xx, or no answer at all (nobody may be left to read one).</summary>
    RefusedOrUnanswered,
}
