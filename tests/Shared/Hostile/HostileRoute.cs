namespace Switchyard.Testing.Hostile;

/// <summary>
/// How the corpus reaches one endpoint of a host: the pattern it was mapped with (as the host's
/// <c>EndpointDataSource</c> lists it), a concrete path, the credentials that get past authentication, and a body the
/// route accepts. Hostile requests are built from these, so each one gets as deep into the route as it can.
/// </summary>
internal sealed record HostileRoute(string Method, string Pattern)
{
    /// <summary>The pattern with its parameters filled in (an id that exists, so the route's body is read).</summary>
    public required string Path { get; init; }

    /// <summary>The <c>Authorization</c> header value, or null for a route that needs none.</summary>
    public string? Authorization { get; init; }

    /// <summary>A body the route accepts with a 2xx; null for a route that reads no body.</summary>
    public string? Sample { get; init; }

    /// <summary>The route's documentation says unknown properties are ignored unread (so their contents do not matter).</summary>
    public bool IgnoresUnknownProperties { get; init; }

    /// <summary>
    /// The route judges the items of a request one by one (the bulk Events API): a 2xx whose JSON body lists refused
    /// items (<c>"refused":[…]</c>) refuses the hostile part and keeps the rest, so it counts as a refusal.
    /// </summary>
    public bool RefusesPerItem { get; init; }

    /// <summary>Content types the route takes besides <c>application/json</c> (the Web SDK sends its JSON as <c>text/plain</c>).</summary>
    public IReadOnlyList<string> AlsoTakes { get; init; } = [];

    public string Key => Method + " " + Pattern;

    /// <summary>The method to send: an endpoint mapped for every method (<c>*</c>) gets a POST, which may carry a body.</summary>
    public string RequestMethod => Method == "*" ? "POST" : Method;

    public bool ReadsBody => Sample is not null;

    public override string ToString() => $"{RequestMethod} {Path}";
}
