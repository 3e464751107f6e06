using System.Text.Json;

namespace Switchyard.Core.Audiences;

/// <summary>
/// Reads and validates audience definitions (docs/audiences.md). Bad input never throws: every problem comes back
/// as an error naming its JSON path, e.g. <c>criteria.and[1].count.operator: unknown operator 'most'</c>.
/// </summary>
public static class AudienceDefinitionParser
{
    public static AudienceParseResult Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Failed("", "the definition is empty.");
        }

        AudienceDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize(json, AudienceJsonContext.Default.AudienceDefinition);
        }
        catch (JsonException e)
        {
            return Failed(PathOf(e), Describe(e));
        }

        var compiler = CriterionCompiler.Compile(definition);
        return new AudienceParseResult(definition, compiler.Errors);
    }

    /// <summary>Validates a definition built in code (or already parsed).</summary>
    public static IReadOnlyList<AudienceValidationError> Validate(AudienceDefinition definition) =>
        CriterionCompiler.Compile(definition).Errors;

    /// <summary>
    /// Validates definitions that live together: each one on its own, ids unique, and every <c>member_of</c> naming
    /// an audience of the set that does not use <c>member_of</c> itself (mParticle allows only non-nested
    /// membership, reference/mparticle.md §6). Paths start with the definition's index: <c>[2].criteria.member_of</c>.
    /// </summary>
    public static IReadOnlyList<AudienceValidationError> ValidateSet(IEnumerable<AudienceDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var list = definitions.ToList();
        var compiled = list.Select(CriterionCompiler.Compile).ToList();
        return AudienceSetRules.Check(list, compiled);
    }

    public static string Serialize(AudienceDefinition definition) =>
        JsonSerializer.Serialize(definition, AudienceJsonContext.Default.AudienceDefinition);

    private static AudienceParseResult Failed(string path, string message) =>
        new(null, [new AudienceValidationError(path, message)]);

    private static string PathOf(JsonException e) =>
        string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path.TrimStart('$');

    private static string Describe(JsonException e)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "unknown field.";
        }

        if (message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"the JSON is nested too deeply (criteria may nest at most {CriterionCompiler.MaxDepth} levels).";
        }

        // The reader refuses a string that escapes a lone surrogate ("\ud800") with an InvalidOperationException inside.
        if (e.InnerException is InvalidOperationException { Message: var inner } && inner.Contains("UTF-16", StringComparison.Ordinal))
        {
            return CriterionCompiler.UnpairedSurrogate;
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "has the wrong type (see docs/audiences.md for the field's type).";
        }

        // A syntax error: keep the reader's explanation, without its path suffix (the path is reported separately).
        return "is not valid JSON: " + message.Split(" Path:")[0].Split(" LineNumber:")[0];
    }
}
