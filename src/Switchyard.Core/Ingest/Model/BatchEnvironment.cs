using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>environment</c> of a batch (reference/mparticle.md §1.2; <c>unknown</c> comes from the event models).</summary>
[JsonConverter(typeof(BatchEnvironmentConverter))]
public enum BatchEnvironment
{
    Production,
    Development,
    Unknown,
}
