using GossipSim.Simulator.Faults;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Faults;

public class FaultSpecErrorTests
{
    /// <summary>A scenario of 50 nodes and 60 s whose fault list is the given lines; faults start on line 7.</summary>
    private static string Yaml(params string[] faults) => ScenarioYaml.Lines(
        [
            "scenarios:",
            "  - name: f",
            "    nodes: 50",
            "    duration: 60s",
            "    initial_nodes: 40",
            "    faults:",
            .. faults.Select(f => "      - " + f),
        ]);

    [TestCase("{at: 70s, crash: {count: 2}}", 7, "faults[0].at", "not before the end of the run")]
    [TestCase("{at: 20s, crash: {count: 2}, for: 41s}", 7, "faults[0].for", "ends after the run")]
    [TestCase("{at: 20s, pause: {count: 2}, until: 10s}", 7, "faults[0].until", "must be after at")]
    [TestCase("{at: 20s, crash: {ids: [3, 50]}}", 7, "faults[0].crash.ids[1]", "node id 50 does not exist")]
    [TestCase("{at: 20s, crash: {fraction: 1.5}}", 7, "faults[0].crash.fraction", "must be in [0, 1]")]
    [TestCase("{at: 20s, crash: {fraction: 0}}", 7, "faults[0].crash.fraction", "must be > 0")]
    [TestCase("{at: 20s, crash: {count: 51}}", 7, "faults[0].crash.count", "must be <= nodes (50)")]
    [TestCase("{at: 20s, crash: all}", 7, "faults[0].crash", "got 'all'")]
    [TestCase("{at: 20s, partition: {count: 2, direction: up}}", 7, "faults[0].partition.direction", "not one of both, out, in")]
    [TestCase("{at: 20s, join: {ids: [39]}}", 7, "faults[0].join.ids[0]", "up from the start")]
    [TestCase("{at: 20s, leave: {count: 1}, for: 5s}", 7, "faults[0].for", "unknown key 'for'")]
    [TestCase("{at: 20s, pause: {count: 1}, for: 5s, until: 9s}", 7, "faults[0].until", "cannot be combined")]
    [TestCase("{at: 20s, pause: {count: 1}, for: 5s, for_max: 2s}", 7, "faults[0].for_max", "must be >= for")]
    [TestCase("{at: 20s, crash: {count: 1}, restart: all}", 7, "faults[0].restart", "cannot be combined")]
    [TestCase("{at: 20s}", 7, "faults[0]", "needs")]
    [TestCase("{at: 20s, crash: {ids: [3, 4]}, for: 5s}\n      - {at: 20s, restart: {ids: [4]}}", 8, "faults[1].restart.ids[0]", "contradictory")]
    [TestCase("{at: 20s, pause: {ids: [4]}, for: 5s}\n      - {at: 20s, crash: {ids: [4]}}", 8, "faults[1].crash.ids[0]", "contradictory")]
    public void Faults_BadSpec_ErrorWithFileLineAndKey(string fault, int line, string key, string message)
    {
        var errors = ScenarioYaml.Errors(Yaml(fault));
        var error = errors.FirstOrDefault(e => e.Key == key);
        Assert.That(error, Is.Not.Null, string.Join("\n", errors));
        Assert.That((error!.File, error.Line), Is.EqualTo((ScenarioYaml.File, line)));
        Assert.That(error.Message, Does.Contain(message));
    }

    [Test]
    public void Faults_EveryKind_CompilesToItsRecordInFileOrder()
    {
        var spec = ScenarioYaml.Single(Yaml(
            "{at: 10s, crash: {count: 2, exclude: [0]}, for: 5s}",
            "{at: 20s, restart: all}",
            "{at: 10s, pause: {fraction: 0.1, buffer: 10}, for: 2s, for_max: 8s}",
            "{at: 10s, partition: {ids: [1, 2], direction: out}, until: 50s}",
            "{at: 10s, isolate: {ids: [7]}, for: 30s}",
            "{at: 10s, degrade: {ids: [8], loss: 0.1, latency: 20ms}}",
            "{at: 30s, leave: {count: 1}}",
            "{at: 30s, join: {count: 10}}") + "    heal_at: 40s\n");
        var setup = ScenarioCompiler.Compile(spec, 1);
        const long S = 1_000_000;
        Assert.That(setup.Faults, Is.EqualTo(new FaultSpec[]
        {
            new CrashFault(10 * S, setup.Faults[0] is CrashFault c ? c.Targets : null!, 5 * S),
            new RestartFault(20 * S),
            new PauseFault(10 * S, ((PauseFault)setup.Faults[2]).Targets, 2 * S, 8 * S, null, 10, Index: 2),
            new PartitionFault(10 * S, ((PartitionFault)setup.Faults[3]).Targets, LinkDirection.Out, null, 50 * S),
            new IsolateFault(10 * S, ((IsolateFault)setup.Faults[4]).Targets, 30 * S),
            new DegradeFault(10 * S, ((DegradeFault)setup.Faults[5]).Targets, 0.1, 20_000),
            new LeaveFault(30 * S, ((LeaveFault)setup.Faults[6]).Targets),
            new JoinFault(30 * S, ((JoinFault)setup.Faults[7]).Targets),
        }));
        var crash = (CrashFault)setup.Faults[0];
        Assert.That((crash.Targets.Count, crash.Targets.Exclude), Is.EqualTo((2, new[] { 0 })));
        Assert.That(((PauseFault)setup.Faults[2]).Targets.Fraction, Is.EqualTo(0.1));
        Assert.That(((PartitionFault)setup.Faults[3]).Targets.Ids, Is.EqualTo(new[] { 1, 2 }));
        Assert.That((setup.HealAtUs, setup.InitialNodes), Is.EqualTo((40 * S, 40)));
    }
}
