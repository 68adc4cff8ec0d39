namespace GossipSim.Scenarios;

/// <summary>
/// Reads an input file (a scenario file, a latency table) within a size limit, and only if it is a
/// file: a directory, a device such as /dev/zero or a pipe is refused by what the file system says
/// of it, before it is opened, so nothing is read forever or waited on.
/// </summary>
public static class InputFile
{
    /// <summary>Largest scenario file read: the biggest shipped one is tens of KB, explicit ring tokens a few MB.</summary>
    public const long MaxScenarioBytes = 16_000_000;

    /// <summary>Largest latency table read: a million samples of a few bytes each.</summary>
    public const long MaxTableBytes = 64_000_000;

    /// <summary>The SHA-256 of a file already read and checked, in lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }

    /// <summary>The file's bytes, or null with <paramref name="error"/> saying why not (no path in it).</summary>
    /// <remarks>
    /// Devices and pipes report a size of 0, so they read as empty without being opened; an empty
    /// file has nothing in it either way.
    /// </remarks>
    public static byte[]? TryRead(string path, long maxBytes, out string? error)
    {
        error = null;
        try
        {
            if (Directory.Exists(path))
            {
                error = "is a directory, not a file";
                return null;
            }
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = "file not found";
                return null;
            }
            if (info.Length == 0) return [];
            if (info.Length > maxBytes)
            {
                error = $"the file is {info.Length:N0} bytes, more than the {maxBytes:N0} bytes an input file may have";
                return null;
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = new byte[info.Length];
            int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            // A file that shrank or grew while read is read as it was; one that grows without end is cut here, not read forever.
            return read == buffer.Length ? buffer : buffer[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : "cannot read file: " + e.Message;
            return null;
        }
    }
}
