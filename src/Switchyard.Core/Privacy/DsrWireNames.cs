namespace Switchyard.Core.Privacy;

/// <summary>The wire spellings of the DSR API's enumerations.</summary>
public static class DsrWireNames
{
    public static string Of(DsrRequestType type) => type switch
    {
        DsrRequestType.Access => "access",
        DsrRequestType.Portability => "portability",
        _ => "erasure",
    };

    public static string Of(DsrStatus status) => status switch
    {
        DsrStatus.Pending => "pending",
        DsrStatus.InProgress => "in_progress",
        DsrStatus.Completed => "completed",
        _ => "cancelled",
    };

    public static DsrRequestType? RequestType(string? wire) => wire switch
    {
        "access" => DsrRequestType.Access,
        "portability" => DsrRequestType.Portability,
        "erasure" => DsrRequestType.Erasure,
        _ => null,
    };

    public static DsrStatus Status(string wire) => wire switch
    {
        "pending" => DsrStatus.Pending,
        "in_progress" => DsrStatus.InProgress,
        "completed" => DsrStatus.Completed,
        "cancelled" => DsrStatus.Cancelled,
        _ => throw new InvalidOperationException($"Unknown stored DSR status '{wire}'."),
    };
}
