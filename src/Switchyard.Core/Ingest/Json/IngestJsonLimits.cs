namespace Switchyard.Core.Ingest.Json;

/// <summary>Structural limits for reading request bodies.</summary>
internal static class IngestJsonLimits
{
    /// <summary>
    /// A real batch nests about ten levels (batch → events → event → data → product_action → products →
    /// product → custom_attributes → value); 32 leaves room for attribute values holding JSON while stopping
    /// hostile nesting early.
    /// </summary>
    public const int MaxDepth = 32;
}
