namespace Switchyard.Core.Delivery.Engine;

/// <summary>What an output type gets to build one output's sender.</summary>
/// <param name="Settings">What the type's <see cref="IOutputType.ParseSettings"/> returned for this output.</param>
/// <param name="Services">The host's services: stores, <see cref="RateGates"/>, time, logging, metrics.</param>
/// <param name="Options">The engine's tuning (a sender that records after a 2xx calls its crash point).</param>
/// <param name="HttpClient">
/// A client by name from the host's <c>IHttpClientFactory</c> (no redirects, pooled connections renewed); the host
/// disposes it when delivery stops.
/// </param>
public sealed record OutputSetup(string OutputId, object Settings, IServiceProvider Services, DeliveryOptions Options, Func<string, HttpClient> HttpClient);
