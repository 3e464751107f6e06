namespace Switchyard.Core.Ingest.Model;

/// <summary>
/// An event's <c>device_current_state</c>: a snapshot of the device when the event happened (reference/mparticle.md §1.3).
/// Only the commonly sent fields are modelled; the raw batch keeps the rest.
/// </summary>
public sealed class DeviceCurrentState
{
    public long? TimeSinceStartMs { get; set; }

    public double? BatteryLevel { get; set; }

    public string? DataConnectionType { get; set; }

    public string? DataConnectionTypeDetail { get; set; }

    public bool? GpsState { get; set; }

    public long? TotalSystemMemoryUsageBytes { get; set; }

    public long? DiskSpaceFreeBytes { get; set; }

    public long? ExternalDiskSpaceFreeBytes { get; set; }

    public string? Cpu { get; set; }

    public double? SystemMemoryAvailableBytes { get; set; }

    public bool? SystemMemoryLow { get; set; }

    public double? SystemMemoryThresholdBytes { get; set; }

    public double? ApplicationMemoryAvailableBytes { get; set; }

    public double? ApplicationMemoryMaxBytes { get; set; }

    public double? ApplicationMemoryTotalBytes { get; set; }

    public string? DeviceOrientation { get; set; }

    public string? StatusBarOrientation { get; set; }
}
