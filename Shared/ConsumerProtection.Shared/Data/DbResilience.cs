using Polly;
using Polly.Retry;

namespace ConsumerProtection.Shared.Data;

/// <summary>The Polly pipeline every module database uses: retry transient faults with jittered back-off.</summary>
public static class DbResilience
{
    /// <summary>The key of the pipeline in the registry.</summary>
    public const string PipelineKey = "cp-database";

    /// <summary>Builds the database pipeline: up to 4 retries, exponential back-off from 50 ms with jitter.</summary>
    public static ResiliencePipeline Build(TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFaults.IsTransient),
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(50),
            })
            .Build();
}
