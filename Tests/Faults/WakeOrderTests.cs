using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Faults;

/// <summary>What a node waking from a pause handles first, and the recurring pause process.</summary>
public class WakeOrderTests
{
    [TestCase(WakeOrder.Arrival, new[] { "msg 1", "msg 2", "timer 100", "msg 3" })]
    [TestCase(WakeOrder.TimersFirst, new[] { "timer 100", "msg 1", "msg 2", "msg 3" })]
    [TestCase(WakeOrder.MessagesFirst, new[] { "msg 1", "msg 2", "msg 3", "timer 100" })]
    public void Resume_HeldTimersAndMessages_HandledInTheChosenOrder(WakeOrder wake, string[] expected)
    {
        var c = ProbeCluster.PausedWhileWorkArrives(wake);
        c.Simulation.ResumeNode(2);
        Assert.That(c.Handled.Select(h => $"{h.What} {h.Value}"), Is.EqualTo(expected));
    }

    [TestCase("every: 20s, ", 5)]
    [TestCase("", 1)]
    public void PauseProcess_Every_PausesANewWaveEachPeriodUntilTheEnd(string every, int waves)
    {
        var spec = ScenarioYaml.Single($$$"""
            scenarios:
              - name: waves
                nodes: 50
                duration: 100s
                protocol: {preset: memberlist-lan}
                faults: [{at: 10s, pause: {count: 2, {{{every}}}wake: timers_first}, for: 3500ms}]
            """);
        // Each pause ends by a driver event 3.5 s after its wave (10, 30, 50, 70, 90 s): two a wave.
        var ends = new List<long>();
        RunExecutor.Execute(ScenarioCompiler.Compile(spec, 1), timing: false,
            trace: e => { if (e.Kind == EventKind.Driver && e.TimeUs % 20_000_000 == 13_500_000) ends.Add(e.TimeUs); });
        Assert.That(ends.Distinct(), Is.EqualTo(Enumerable.Range(0, waves).Select(w => 13_500_000L + 20_000_000L * w)));
        Assert.That(ends, Has.Count.EqualTo(2 * waves));
    }

    [TestCase("{preset: memberlist-lan}", "", WakeOrder.TimersFirst)]
    [TestCase("{preset: cassandra}", "", WakeOrder.Arrival)]
    [TestCase("{preset: memberlist-lan}", ", wake: messages_first", WakeOrder.MessagesFirst)]
    public void Pause_WakeOrderAbsent_TheSystemsOwn(string protocol, string wake, WakeOrder expected)
    {
        var spec = ScenarioYaml.Single($$$"""
            scenarios:
              - name: p
                protocol: {{{protocol}}}
                faults: [{at: 10s, pause: {count: 2{{{wake}}}}, for: 3s}]
            """);
        Assert.That(((Simulator.Faults.PauseFault)ScenarioCompiler.Compile(spec, 1).Faults.Single()).Wake, Is.EqualTo(expected));
    }

    [Test]
    public void PauseProcess_EveryWithoutFor_IsAnError()
    {
        var error = ScenarioYaml.Errors("""
            scenarios:
              - name: bad
                protocol: {preset: memberlist-lan}
                faults: [{at: 10s, pause: {count: 2, every: 20s}}]
            """).Single();
        Assert.That(error.Message, Does.Contain("needs for"));
    }
}
