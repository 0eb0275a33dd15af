namespace ConsumerProtection.Modules.Training.Contracts;

/// <summary>What an HR roster import did (or, in a dry run, would do).</summary>
/// <param name="DryRun">True when nothing was to be written.</param>
/// <param name="Applied">True when the changes were committed.</param>
/// <param name="Format">csv-utf8, csv-gb18030 or xlsx.</param>
/// <param name="Rows">Data rows in the file.</param>
/// <param name="Added">Staff added.</param>
/// <param name="Changed">Staff whose record changed.</param>
/// <param name="Unchanged">Rows equal to the stored record.</param>
/// <param name="Deactivated">Active staff missing from the file, deactivated.</param>
/// <param name="Errors">Bad cells as "line N, column: message"; when any, nothing was written.</param>
public sealed record StaffImportSummary(bool DryRun, bool Applied, string Format, int Rows, int Added, int Changed, int Unchanged, int Deactivated, IReadOnlyList<string> Errors);

/// <summary>Progress of an import: the stage (read, check, write) and how far it is.</summary>
public sealed record StaffImportProgress(string Stage, int Done, int Total);

/// <summary>The HR roster import, for the host's <c>import-staff</c> verb (the same rules as <c>POST /api/v1/training/staff/import</c>).</summary>
public interface IStaffRosterImport
{
    /// <summary>
    /// Checks and (unless <paramref name="dryRun"/> or a row is bad) applies the roster in <paramref name="file"/> (CSV or .xlsx).
    /// Throws <see cref="InvalidDataException"/> when the file as a whole is refused (format, encoding, columns, size).
    /// </summary>
    Task<StaffImportSummary> ImportAsync(byte[] file, bool dryRun, IProgress<StaffImportProgress>? progress, CancellationToken ct);
}
