using System.Globalization;
using System.Xml.Linq;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// JUnit XML for CI systems: a test suite per scenario, a test case per checked bound and sweep
/// point; a broken bound is a failure whose message names the bound, the observed value and the
/// seed to replay.
/// </summary>
public static class JUnitReport
{
    public static void Write(string path, IReadOnlyList<CheckVerdict> verdicts)
    {
        var suites = verdicts.GroupBy(v => v.Scenario).Select(group => new XElement("testsuite",
            new XAttribute("name", group.Key),
            new XAttribute("tests", group.Count()),
            new XAttribute("failures", group.Count(v => !v.Passed)),
            group.Select(Case)));
        var document = new XDocument(new XElement("testsuites",
            new XAttribute("name", "gossipsim check"),
            new XAttribute("tests", verdicts.Count),
            new XAttribute("failures", verdicts.Count(v => !v.Passed)),
            suites));
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        // No byte-order mark: some CI parsers reject a JUnit file that starts with one.
        using var writer = System.Xml.XmlWriter.Create(path, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true });
        document.Save(writer);
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
