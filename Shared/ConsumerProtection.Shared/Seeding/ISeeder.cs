namespace ConsumerProtection.Shared.Seeding;

/// <summary>What to generate: <paramref name="Count"/> records received over the last <paramref name="Months"/> months.</summary>
/// <param name="Count">How many records.</param>
/// <param name="Months">How far back the records reach.</param>
/// <param name="Seed">The random seed: the same seed gives the same mix (relative to the run's clock).</param>
public sealed record SeedRequest(int Count, int Months, int Seed);

/// <summary>Progress of a run, reported after each committed batch.</summary>
/// <param name="Written">Records written so far.</param>
/// <param name="Total">Records requested.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record SeedProgress(long Written, long Total, TimeSpan Elapsed)
{
    /// <summary>Average throughput so far.</summary>
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Written / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Generates realistic demonstration or benchmark data for one module, straight into the module's schema in large
/// batches (the host's <c>seed</c> verb: <c>seed --{Name} N</c>). A module registers its seeder as a singleton
/// <see cref="ISeeder"/>; seeders bypass per-record audit and write one audit row summarising the run.
/// </summary>
public interface ISeeder
{
    /// <summary>The option that selects this seeder, e.g. "complaints".</summary>
    string Name { get; }

    /// <summary>Generates the records; <paramref name="progress"/> hears about each committed batch.</summary>
    Task<SeedProgress> SeedAsync(SeedRequest request, Action<SeedProgress>? progress, CancellationToken ct);
}
