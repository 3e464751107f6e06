namespace Switchyard.Sandbox.Faults;

/// <summary>Marks a request as faulted (an <c>HttpContext</c> feature) so the request log can record it.</summary>
internal sealed class InjectedFaultFeature(InjectedFault fault)
{
    public InjectedFault Fault { get; } = fault;
}
