namespace Switchyard.AudienceSync;

/// <summary>The outbox payloads of audience outputs.</summary>
internal static class AudiencePayloads
{
    public static string Sync { get; } = """{"sync":true}""";

    public static string CleanUp(int audienceId) => $$"""{"cleanup":[{{audienceId}}]}""";
}
