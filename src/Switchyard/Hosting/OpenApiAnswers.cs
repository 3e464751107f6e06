using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Switchyard.Json;

namespace Switchyard.Hosting;

/// <summary>
/// Declares what a route answers, for the OpenAPI document: handlers return <see cref="IResult"/>s or write the
/// response themselves, so nothing can be inferred. Errors always have the <see cref="ErrorBody"/> shape.
/// </summary>
internal static class OpenApiAnswers
{
    /// <summary>The documented request body of a route, read by <see cref="OpenApiSecurity"/>'s operation transformer.</summary>
    internal sealed record JsonRequestBody(Type Type);

    private static readonly string[] Json = ["application/json"];

    /// <summary>A success answer with a JSON body of <typeparamref name="T"/>.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder route, int status = StatusCodes.Status200OK) =>
        route.Produces<T>(status, "application/json");

    /// <summary>A success answer without a body.</summary>
    public static RouteHandlerBuilder AnswersEmpty(this RouteHandlerBuilder route, int status) => route.Produces(status);

    /// <summary>Error answers, each with the JSON error body.</summary>
    public static TBuilder Fails<TBuilder>(this TBuilder route, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder => route.FailsWith<TBuilder, ErrorBody>(statuses);

    /// <summary>Error answers with a body of another shape (the DSR API's, as mParticle documents it).</summary>
    public static TBuilder FailsWith<TBuilder, TError>(this TBuilder route, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            route.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(TError), Json));
        }

        return route;
    }

    /// <summary>
    /// A JSON request body of <typeparamref name="T"/> (read by the handler itself). Documentation only: unlike
    /// <c>Accepts</c>, it does not make routing refuse other content types, which the handlers answer themselves
    /// (415 with the JSON error body, and <c>text/json</c> accepted as JSON).
    /// </summary>
    public static RouteHandlerBuilder TakesJson<T>(this RouteHandlerBuilder route)
        where T : notnull =>
        route.WithMetadata(new JsonRequestBody(typeof(T)));
}
