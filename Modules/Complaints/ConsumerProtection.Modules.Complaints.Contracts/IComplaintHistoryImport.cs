namespace ConsumerProtection.Modules.Complaints.Contracts;

/// <summary>
/// Imports complaints with their whole history (CSV or JSON lines, the format of <c>POST /api/v1/complaints/import</c>),
/// for the host's <c>import-complaints</c> verb. A dry run stores nothing; a real run stores the whole file or nothing.
/// </summary>
public interface IComplaintHistoryImport
{
    /// <summary>Checks (and unless <paramref name="dryRun"/>, stores) the file; <paramref name="progress"/> hears (stored, to store).</summary>
    Task<ComplaintImportResult> ImportAsync(string text, bool csv, bool dryRun, IProgress<(int Done, int Total)>? progress, CancellationToken ct);
}

/// <summary>
/// The outcome of an import: records read, new complaints found (<see cref="ToImport"/>), stored, skipped because their
/// source id was imported before, and every problem as "line N, field: message" (nothing is stored when there is one).
/// </summary>
public sealed record ComplaintImportResult(int Records, int ToImport, int Imported, int AlreadyImported, IReadOnlyList<string> Errors);
