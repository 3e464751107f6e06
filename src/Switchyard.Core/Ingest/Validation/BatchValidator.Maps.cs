using Switchyard.Core.Ingest.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Validation;

/// <summary>
/// Object-valued maps whose values the serializer lets through as <c>null</c>; rejecting them here keeps the
/// model's promise that later stages never meet a null where the type says there is none.
/// </summary>
internal sealed partial class BatchValidator
{
    private void ValidateObjectMaps(Batch batch, string prefix)
    {
        foreach (var (module, attributes) in batch.IntegrationAttributes)
        {
            if (attributes is null)
            {
                errors.Add(IngestErrorCodes.InvalidField, $"{prefix}.integration_attributes{JsonPathText.Property(module)}", "must be an object, not null");
            }
        }

        if (batch.ConsentState is { } consent)
        {
            foreach (var (purpose, record) in consent.Gdpr)
            {
                if (record is null)
                {
                    errors.Add(IngestErrorCodes.InvalidField, $"{prefix}.consent_state.gdpr{JsonPathText.Property(purpose)}", "must be an object, not null");
                }
            }
        }
    }
}
