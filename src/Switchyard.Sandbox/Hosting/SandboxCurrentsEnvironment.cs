namespace Switchyard.Sandbox.Hosting;

/// <summary>The mParticle <c>environment</c> of the batches the sandbox sends (reference/mparticle.md §1.2).</summary>
public enum SandboxCurrentsEnvironment
{
    /// <summary><c>"production"</c>, mParticle's default.</summary>
    Production,

    /// <summary><c>"development"</c>.</summary>
    Development,
}
