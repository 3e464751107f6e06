namespace Switchyard.Braze.Tests;

public sealed class ProjectTests
{
    [Fact]
    public void The_braze_assembly_loads()
    {
        Assert.Equal("Switchyard.Braze", typeof(Switchyard.Braze.Mapping.BrazeMappingMarker).Assembly.GetName().Name);
    }
}
