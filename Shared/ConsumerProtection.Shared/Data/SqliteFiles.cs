namespace ConsumerProtection.Shared.Data;

/// <summary>
/// Where the module files live, and who may read them: the data folder is the owner's alone (0700) and every
/// database file is 0600. SQLite creates a file's -wal and -shm with the database file's own mode, so creating the
/// database file 0600 before SQLite opens it covers those too. The files hold consumers' personal data, so the
/// process umask (often 022, i.e. world-readable) must not decide.
/// </summary>
internal static class SqliteFiles
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string PathFor(StorageOptions storage, string schema) =>
        Path.Combine(storage.DataDirectoryFullPath, schema + ".db");

    /// <summary>Creates <paramref name="folder"/> owner-only, or narrows an existing one to owner-only.</summary>
    public static void EnsurePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        Directory.CreateDirectory(folder, OwnerFolder);
        File.SetUnixFileMode(folder, OwnerFolder);
    }

    /// <summary>Creates an empty database file owner-only (SQLite takes an empty file as a new database), or narrows an existing one and its companions.</summary>
    public static void EnsurePrivateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFile,
            });
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file))
            {
                File.SetUnixFileMode(file, OwnerFile);
            }
        }
    }
}
