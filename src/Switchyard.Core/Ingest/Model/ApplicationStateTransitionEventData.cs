namespace Switchyard.Core.Ingest.Model;

/// <summary>The data of an <c>application_state_transition</c> (reference/mparticle.md §1.3).</summary>
public sealed class ApplicationStateTransitionEventData : EventData
{
    public ApplicationTransitionType? ApplicationTransitionType { get; set; }

    public bool? IsFirstRun { get; set; }

    public bool? IsUpgrade { get; set; }

    public bool? SuccessfullyClosed { get; set; }

    public string? PushNotificationPayload { get; set; }

    public string? LaunchReferral { get; set; }
}
