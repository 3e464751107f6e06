namespace Switchyard.Core.Tests.Ingest;

public class SmokeTests
{
    [Fact]
    public void Full_batch_parses()
    {
        var result = IngestTestData.Batch(FullBatch.Json);
        Assert.True(result.IsSuccess, result.Failure is null ? "" : string.Join("\n", result.Failure.Errors));
    }
}
