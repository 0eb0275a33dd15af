namespace ConsumerProtection.Host.Operations;

/// <summary>Backups hold the same personal data and keys as the data folder: folders 0700, files 0600, whatever the umask.</summary>
internal static class PrivateFiles
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Folder0700(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, Folder);
        System.IO.File.SetUnixFileMode(path, Folder);
    }

    /// <summary>Creates an empty file 0600 (replacing any), so no moment exists where its content is readable by others.</summary>
    public static void NewFile0600(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = File;
        }

        using (new FileStream(path, options))
        {
        }

        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, File);
        }
    }

    public static void Copy0600(string from, string to)
    {
        NewFile0600(to);
        using var source = System.IO.File.OpenRead(from);
        using var target = new FileStream(to, FileMode.Truncate, FileAccess.Write);
        source.CopyTo(target);
        target.Flush(flushToDisk: true);
    }
}
