namespace ConsumerProtection.Modules.Training;

/// <summary>The <c>Training</c> settings section.</summary>
internal sealed class TrainingOptions : Shared.Modules.ISettingsRules
{
    public const string Section = "Training";

    /// <summary>Largest import file (CSV or .xlsx) accepted, in bytes (larger: 413).</summary>
    public long MaxImportBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Most bytes an .xlsx may expand to (zip-bomb guard).</summary>
    public long MaxUncompressedBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>Most data rows one import may hold.</summary>
    public int MaxImportRows { get; set; } = 200_000;

    /// <summary>Days ahead the "due soon" list looks.</summary>
    public int DueSoonDays { get; set; } = 30;

    /// <inheritdoc />
    public IEnumerable<string> Violations()
    {
        if (MaxImportBytes is < 1024 or > 512L * 1024 * 1024)
        {
            yield return $"{Section}:MaxImportBytes must be between 1 KiB and 512 MiB.";
        }

        if (MaxUncompressedBytes < MaxImportBytes || MaxUncompressedBytes > 4L * 1024 * 1024 * 1024)
        {
            yield return $"{Section}:MaxUncompressedBytes must be at least MaxImportBytes and at most 4 GiB.";
        }

        if (MaxImportRows is < 1 or > 2_000_000)
        {
            yield return $"{Section}:MaxImportRows must be between 1 and 2000000.";
        }

        if (DueSoonDays is < 1 or > 366)
        {
            yield return $"{Section}:DueSoonDays must be between 1 and 366.";
        }
    }
}
