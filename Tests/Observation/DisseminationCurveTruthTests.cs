using GossipSim.Analysis;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Observation;

/// <summary>
/// curves.csv against the truth: in a small SWIM run with one crash and every death mark
/// recorded (declarations.csv), the fraction of observers that had marked the crashed node dead
/// by each time is counted from the marks themselves, and the crash's curve must give that
/// fraction rounded down to a whole percent, at every time a mark happened and between them.
/// </summary>
public class DisseminationCurveTruthTests
{
    private const string Yaml =
        "scenarios:\n  - name: truth\n    nodes: 150\n    duration: 40s\n    protocol: {preset: memberlist-lan}\n" +
        "    record: {declarations: true}\n    faults: [{at: 10s, crash: {ids: [17]}}]\n";

    [Test]
    public void CrashCurve_GivesTheTrueFractionOfObserversThatKnew()
    {
        var setup = ScenarioCompiler.Compile(ScenarioYaml.Single(Yaml), 5);
        var part = RunRows.Of(RunExecutor.Execute(setup, timing: false));
        var crashRow = part.Events.Single(e => e.Get("kind") == "crash");
        int crashIndex = part.Events.ToList().IndexOf(crashRow);
        var curve = DisseminationCurve.Of(part.Curves.Where(r => r.Get("event") == CellFormat.Integer(crashIndex)), "crash").Single();

        // First death mark of node 17 by each observer after the crash, in seconds since it.
        var firstMark = part.Declarations
            .Where(d => d.Get("subject") == "17" && ResultColumns.Number(d, "t_s") >= 10)
            .GroupBy(d => d.Get("observer"))
            .Select(g => g.Min(d => ResultColumns.Number(d, "t_s")) - 10)
            .Order().ToArray();
        int observers = 149;
        Assert.That(ResultColumns.Number(crashRow, "observers"), Is.EqualTo(observers));
        Assert.That(firstMark, Has.Length.EqualTo(observers), "every survivor marked the crashed node dead");
        Assert.That(part.Declarations.Where(d => d.Get("subject") == "17").All(d => d.Get("subject_state") == "crashed" && d.Get("false") == "false"));

        var times = firstMark.SelectMany(t => new[] { t - 1e-4, t, t + 1e-4 }).Append(0).Append(firstMark[^1] + 5).ToArray();
        foreach (double t in times)
        {
            // Both sides at t + 1 ns: a mark's time less the crash's, in binary, can land a hair off the curve's own.
            double truth = firstMark.Count(m => m <= t + 1e-9) / (double)observers;
            double drawn = curve.FractionAt(t + 1e-9);
            Assert.That(drawn, Is.LessThanOrEqualTo(truth + 1e-12), $"at {t} s");
            Assert.That(truth - drawn, Is.LessThan(0.01), $"at {t} s: curve {drawn}, truth {truth}");
        }
    }
}
