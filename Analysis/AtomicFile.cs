namespace GossipSim.Analysis;

/// <summary>
/// Writes a file so that a reader (or a crash, or a full disk) never leaves half of it under its
/// name: the bytes go to a temporary file beside it, which is renamed over the target only once
/// complete. A write that fails removes its temporary file and leaves any earlier file untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>The suffix of a file being written; never a finished file.</summary>
    public const string TempSuffix = ".tmp";

    public static void Write(string path, Action<Stream> write)
    {
        string temp = path + TempSuffix;
        // A leftover of a killed write, or a symbolic link put in its place, is removed, never written
        // through; the new file is then made where nothing stands (CreateNew follows no link), and
        // the rename replaces the entry at the path, a link included, never the file a link names.
        File.Delete(temp);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                write(stream);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>A copy of a file, written as any other (<see cref="Write"/>).</summary>
    public static void Copy(string source, string path) =>
        Write(path, stream =>
        {
            using var from = File.OpenRead(source);
            from.CopyTo(stream);
        });

    public static void WriteText(string path, string text, System.Text.Encoding encoding) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, encoding, leaveOpen: true);
            writer.Write(text);
        });

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write's own error is the one to report; a leftover .tmp is never read as a result.
        }
    }
}
