namespace Switchyard.Core.Ingest.Model;

/// <summary>The data of a <c>push_registration</c> (reference/mparticle.md §1.3). Both fields are required.</summary>
public sealed class PushRegistrationEventData : EventData
{
    /// <summary>True to register the token, false to unregister it.</summary>
    public bool? Register { get; set; }

    public string? RegistrationToken { get; set; }
}
