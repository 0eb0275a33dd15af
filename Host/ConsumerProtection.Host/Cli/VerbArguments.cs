namespace ConsumerProtection.Host.Cli;

/// <summary>Arguments several verbs share.</summary>
internal static class VerbArguments
{
    /// <summary>A file argument that must exist (a usage error naming the full path otherwise).</summary>
    public static System.CommandLine.Argument<FileInfo> ExistingFile(string description)
    {
        var file = new System.CommandLine.Argument<FileInfo>("file") { Description = description };
        file.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<FileInfo>() is { Exists: false } f)
            {
                r.AddError($"file not found: {f.FullName}");
            }
        });
        return file;
    }
}
