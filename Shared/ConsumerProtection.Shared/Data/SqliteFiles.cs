namespace ConsumerProtection.Shared.Data;

internal static class SqliteFiles
{
    public static string PathFor(StorageOptions storage, string schema) =>
        Path.Combine(storage.DataDirectoryFullPath, schema + ".db");
}
