using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace ConsumerProtection.Shared.Protection;

// The owner-only key file: generated once, never replaced while it exists, never stored in the database (PIPL
// art. 51 and JR/T 0171-2020 §7.1: keys kept apart from the data they protect, and from its backups).
internal sealed partial class ProtectionKeyring
{
    internal static class KeyFile
    {
        public const string Directory = "keys";
        public const string FileName = "personal-data-keys.json";

        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

        public static string DefaultPath(string dataDirectory) => Path.Combine(dataDirectory, Directory, FileName);

        public static ProtectionKeyring ReadOrCreate(string path, TimeProvider time, Action<string>? warn)
        {
            if (File.Exists(path))
            {
                return Read(path, warn);
            }

            var content = new Content(NewKeyId(time), new Dictionary<string, string>(StringComparer.Ordinal), NewKey());
            content.Keys[content.ActiveKeyId] = NewKey();
            try
            {
                Write(path, content, FileMode.CreateNew);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process wrote it first: use that file, never a second set of keys.
                return Read(path, warn);
            }

            warn?.Invoke($"Generated the personal-data keys into {path} (readable by this user only); back the file up apart from the database: without it the encrypted fields cannot be read.");
            return Read(path, warn);
        }

        public static ProtectionKeyring Read(string path, Action<string>? warn)
        {
            Content? content;
            try
            {
                content = JsonSerializer.Deserialize<Content>(File.ReadAllText(path), Json);
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"The personal-data key file {path} is not valid JSON.", ex);
            }

            if (content?.Keys is not { Count: > 0 } || content.ActiveKeyId is null || content.BlindIndexKey is null)
            {
                throw new InvalidOperationException($"The personal-data key file {path} needs activeKeyId, keys and blindIndexKey.");
            }

            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            {
                warn?.Invoke($"The personal-data key file {path} is readable by other users; make it owner-only (chmod 600).");
            }

            var options = new ProtectionOptions { ActiveKeyId = content.ActiveKeyId, BlindIndexKey = content.BlindIndexKey };
            foreach (var (kid, key) in content.Keys)
            {
                options.Keys[kid] = key;
            }

            try
            {
                var keyring = FromConfiguration(options);
                return new ProtectionKeyring(keyring.Keys, keyring.ActiveKeyId, keyring.BlindIndexKey, path);
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidOperationException($"The personal-data key file {path}: {ex.Message}", ex);
            }
        }

        /// <summary>Adds a new key to the file and makes it the active one; returns its id. Earlier keys stay to decrypt.</summary>
        public static string Rotate(string path, TimeProvider time)
        {
            var current = JsonSerializer.Deserialize<Content>(File.ReadAllText(path), Json)
                ?? throw new InvalidOperationException($"The personal-data key file {path} is empty.");
            var kid = NewKeyId(time);
            while (current.Keys.ContainsKey(kid))
            {
                kid = NewKeyId(time);
            }

            current.Keys[kid] = NewKey();
            var temporary = path + ".new";
            File.Delete(temporary);
            Write(temporary, current with { ActiveKeyId = kid }, FileMode.CreateNew);
            // A rename replaces the file in one step: a crash leaves the old file or the new one, never half of one.
            File.Move(temporary, path, overwrite: true);
            return kid;
        }

        private static void Write(string path, Content content, FileMode mode)
        {
            var folder = Path.GetDirectoryName(path)!;
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(folder);
            }
            else
            {
                System.IO.Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var fileOptions = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, fileOptions);
            JsonSerializer.Serialize(stream, content, Json);
            stream.Flush(flushToDisk: true);
        }

        // The day says when a key was made; the random part keeps two keys made the same day apart.
        private static string NewKeyId(TimeProvider time) =>
            "k" + time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

        private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

        private sealed record Content(string ActiveKeyId, Dictionary<string, string> Keys, string BlindIndexKey);
    }
}
