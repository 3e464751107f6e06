namespace Switchyard.Cli.Send;

/// <summary>What <c>send</c> was asked to do, checked before anything is read or sent.</summary>
internal sealed record SendPlan(FileInfo? File, int? Sample, int Users, bool Bulk, int BatchSize, int Concurrency, int Seed, string Environment)
{
    /// <summary>The Events API's limit of batches per bulk request (docs/events-api.md).</summary>
    public const int MaxBatchSize = 100;

    /// <summary>Usage errors, each naming its option.</summary>
    public IEnumerable<string> Check(bool batchSizeGiven)
    {
        if ((File is null) == (Sample is null))
        {
            yield return "give either --file FILE or --sample N (one of them).";
        }

        if (Sample is < 1)
        {
            yield return $"--sample must be at least 1, not {Sample}.";
        }

        if (Users < 1)
        {
            yield return $"--users must be at least 1, not {Users}.";
        }

        if (BatchSize is < 1 or > MaxBatchSize)
        {
            yield return $"--batch-size must be between 1 and {MaxBatchSize}, not {BatchSize}.";
        }
        else if (batchSizeGiven && !Bulk)
        {
            yield return "--batch-size applies to --bulk requests only (a /v2/events request carries one batch).";
        }

        if (Concurrency is < 1 or > 64)
        {
            yield return $"--concurrency must be between 1 and 64, not {Concurrency}.";
        }

        if (Environment is not ("development" or "production"))
        {
            yield return $"--environment must be development or production, not '{Environment}'.";
        }
    }
}
