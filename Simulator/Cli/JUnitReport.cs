using System.Globalization;
using System.Xml.Linq;
using GossipSim.Analysis;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// JUnit XML for CI systems: a test suite per scenario, a test case per checked bound and sweep
/// point; a broken bound is a failure whose message names the bound, the observed value and the
/// seed to replay.
/// </summary>
public static class JUnitReport
{
    /// <summary>The name of the report's root element, by which check knows a report of its own.</summary>
    private const string SuitesName = "gossipsim check";

    public static void Write(string path, IReadOnlyList<CheckVerdict> verdicts)
    {
        var suites = verdicts.GroupBy(v => v.Scenario).Select(group => new XElement("testsuite",
            new XAttribute("name", group.Key),
            new XAttribute("tests", group.Count()),
            new XAttribute("failures", group.Count(v => !v.Passed)),
            group.Select(Case)));
        var document = new XDocument(new XElement("testsuites",
            new XAttribute("name", SuitesName),
            new XAttribute("tests", verdicts.Count),
            new XAttribute("failures", verdicts.Count(v => !v.Passed)),
            suites));
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        // No byte-order mark: some CI parsers reject a JUnit file that starts with one. Written whole or not at all, so a CI system never reads half a report.
        AtomicFile.Write(path, stream =>
        {
            using var writer = System.Xml.XmlWriter.Create(stream, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true });
            document.Save(writer);
        });
    }

    /// <summary>
    /// Refuses a --junit path check may not write: a directory, or a file that is not a report an
    /// earlier check wrote (which is all check ever replaces).
    /// </summary>
    public static void RequireWritable(string path)
    {
        if (Directory.Exists(path)) throw new UserError($"--junit: {path}: is a directory; give --junit a file");
        if (OutputDirectory.FileOnTheWay(path) is { } problem) throw new UserError("--junit: " + problem);
        if (File.Exists(path) && !IsReport(path))
            throw new UserError($"--junit: {path}: exists and is not a JUnit report written by gossipsim check; check replaces only its own reports: name another file");
        // Tried now with a file of its own, so a place no file can be made is refused before the runs, not after them.
        string probe = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".gossipsim-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write).Dispose();
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"--junit: {path}: cannot be written ({e.Message}); name a file in a folder you can write");
        }
    }

    private static bool IsReport(string path)
    {
        try
        {
            var root = XDocument.Load(path).Root;
            return root is { Name.LocalName: "testsuites" } && (string?)root.Attribute("name") == SuitesName;
        }
        catch (Exception e) when (e is System.Xml.XmlException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static XElement Case(CheckVerdict v)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", "gossipsim." + v.Scenario),
            new XAttribute("name", $"{v.Name} [{v.Point}]"));
        if (!v.Passed)
        {
            string replay = v.WorstRunId.Length > 0 ? $"; replay: gossipsim replay --run-id {v.WorstRunId}" : "";
            element.Add(new XElement("failure",
                new XAttribute("message", $"{v.Name}: {v.Detail}"),
                new XAttribute("type", "BoundBroken"),
                $"{v.Scenario} [{v.Point}] {v.Name}: observed {v.Observed.ToString("G6", CultureInfo.InvariantCulture)}, bound {v.Bound}{replay}"));
        }
        return element;
    }
}
