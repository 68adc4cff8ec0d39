using System.Globalization;
using GossipSim.Scenarios;
using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Protocols.Akka;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Scenarios;

namespace GossipSim.Tests.Akka;

/// <summary>
/// Akka's graceful leave (docs/references.md §3): the member marks itself Leaving, the leader moves
/// it to Exiting once every up and leaving member has seen that, the member confirms its exit to
/// the next two leaders and shuts down, and the leader removes it, with no unreachability and no
/// downing on the way. A silent stop instead goes through the detector and the split brain
/// resolver: first unreachable 4-6.5 s after it, downed 20 s later (AkkaClusterTests).
/// </summary>
public class AkkaLeaveTests
{
    private const long S = 1_000_000;

    private static Simulation Cluster(int n, ulong seed) => AkkaClusterTests.Cluster(PresetConfigs.Akka(n), seed);

    private static AkkaNode Node(Simulation sim, int id) => AkkaClusterTests.Node(sim, id);

    /// <summary>A scenario of the akka preset on 1-10 ms links with one fault.</summary>
    private static ScenarioSpec AkkaScenario(int nodes, string duration, string fault) => ScenarioYaml.Single($$$"""
        scenarios:
          - name: leave
            nodes: {{{nodes}}}
            duration: {{{duration}}}
            network: {latency: {dist: uniform, min: 1ms, max: 10ms}}
            protocol: {preset: akka}
            faults: [{{{fault}}}]
        """);

    /// <summary>
    /// Leaves <paramref name="leaver"/> at 10 s and follows it in steps of 50 ms to 30 s: when its
    /// process stopped, when the first and the last other member held it removed, and whether any
    /// held it unreachable or downed on the way.
    /// </summary>
    private static (Simulation Sim, long StoppedUs, long FirstRemovedUs, long AllRemovedUs, bool EverUnreachableOrDown) Leave(int n, int leaver, ulong seed)
    {
        var sim = Cluster(n, seed);
        sim.Run(10 * S);
        sim.LeaveNode(leaver);
        Assert.That(sim.Status[leaver], Is.EqualTo(NodeStatus.Up), "a leaving member runs on");
        long stopped = -1, firstRemoved = -1, allRemoved = -1;
        bool unreachableOrDown = false;
        var others = Enumerable.Range(0, n).Where(i => i != leaver).ToArray();
        for (long t = 10 * S + 50_000; t <= 30 * S; t += 50_000)
        {
            sim.Run(t);
            if (stopped < 0 && sim.Status[leaver] != NodeStatus.Up) stopped = t;
            var beliefs = others.Where(i => sim.NodeAt(i) is not null).Select(i => Node(sim, i).BeliefOf(leaver)).ToList();
            unreachableOrDown |= beliefs.Any(b => b is MemberBelief.Suspect or MemberBelief.Dead);
            if (firstRemoved < 0 && beliefs.Contains(MemberBelief.Removed)) firstRemoved = t;
            if (allRemoved < 0 && beliefs.All(b => b == MemberBelief.Removed)) allRemoved = t;
        }
        return (sim, stopped, firstRemoved, allRemoved, unreachableOrDown);
    }

    [TestCase(7, 1UL)]
    [TestCase(7, 2UL)]
    [TestCase(7, 3UL)]
    [TestCase(0, 1UL)]
    [TestCase(0, 2UL)]
    public void Leave_HandsOverThroughLeavingAndExiting_RemovedEverywhereWithinSeconds_NeverUnreachable(int leaver, ulong seed)
    {
        // Leaver 0 is the leader: it moves itself to exiting and confirms to nodes 1 and 2.
        const int n = 50;
        var (sim, stopped, firstRemoved, allRemoved, unreachableOrDown) = Leave(n, leaver, seed);
        Assert.That(sim.Status[leaver], Is.EqualTo(NodeStatus.Left), "its exit is the leave");
        Assert.That(stopped, Is.GreaterThan(10 * S), "it ran on after the leave");
        Assert.That(firstRemoved, Is.GreaterThanOrEqualTo(stopped), "nobody removed it while it ran");
        // Two convergences (on Leaving, then on Exiting) of gossip every second with speed-up
        // rounds while a member leaves, each closed by a leader tick, then the removal spreads:
        // seconds, where a silent stop is removed no sooner than about 25 s after it.
        Assert.That(allRemoved, Is.InRange(10 * S, 20 * S), "every member holds it removed");
        Assert.That(unreachableOrDown, Is.False, "no member held it unreachable or downed on the way");
        var traffic = sim.Observations.Traffic;
        int confirmed = traffic.TypeNames.ToList().IndexOf("exiting_confirmed");
        Assert.That(traffic.MessagesSentByType[confirmed], Is.EqualTo(2), "confirmed to the two next leaders");
    }

    [Test]
    public void Leave_WhileAnotherMemberIsUnreachable_WaitsUntilTheResolverDownsIt()
    {
        // Convergence needs every unreachable up or leaving member downed: with x crashed at 10 s
        // (unreachable from about 14.5 s, downed about 20 s later) the leader cannot move the
        // leaving member y to exiting, so y stays up, leaving, until x is downed; then it hands
        // over and leaves within seconds.
        const int n = 30, x = 7, y = 12;
        var sim = Cluster(n, seed: 1);
        sim.Run(10 * S);
        sim.StopNode(x, NodeStatus.Crashed);
        sim.Run(12 * S);
        sim.LeaveNode(y);
        sim.Run(30 * S);
        Assert.That(sim.Status[y], Is.EqualTo(NodeStatus.Up), "still leaving while x is unreachable and not downed");
        Assert.That(Node(sim, 0).BeliefOf(x), Is.EqualTo(MemberBelief.Suspect), "x not downed yet");
        sim.Run(50 * S);
        Assert.That(sim.Status[y], Is.EqualTo(NodeStatus.Left), "handed over once x was downed");
        for (int i = 0; i < n; i++)
            if (i != x && i != y) Assert.That(Node(sim, i).BeliefOf(y), Is.EqualTo(MemberBelief.Removed), $"node {i} about y");
    }

    [Test]
    public void ChurnOfLeaves_NeverTakesANodeStillHandingOver_EveryDepartureEndsInOneLeave()
    {
        // Three departures a second for 10 s among 100 nodes, each handing over for seconds: about
        // one pick in seven would land on a node still leaving if those were candidates. With no
        // arrivals, every departure has exited by the end, each as one leave.
        var spec = AkkaScenario(nodes: 100, duration: "60s", fault: "{at: 10s, churn: {model: poisson, departures_per_s: 3, departure: leave, exclude: [0]}, until: 20s}");
        var outcome = RunExecutor.Execute(ScenarioCompiler.Compile(spec, 1), timing: false);
        int departures = int.Parse(outcome.Row.Get("churn_departures")!, CultureInfo.InvariantCulture);
        int leaves = outcome.Events.Count(e => e.Kind == "leave");
        Assert.That(departures, Is.GreaterThan(20), "departures carried out");
        Assert.That(leaves, Is.EqualTo(departures), "one leave per departure");
        Assert.That(outcome.Row.Get("fp_declarations"), Is.EqualTo("0"), "no false deaths");
    }

    [Test]
    public void WeibullChurnOfLeaves_AReturnBeforeTheExit_EndsTheLeaveFirst()
    {
        // Sessions of about 10 s and downtimes of about 1 s, shorter than a handover: many nodes
        // are due back while still leaving. Each return is a restart of a process that stopped,
        // its leave ending first, never a second process beside a running one.
        var spec = AkkaScenario(nodes: 60, duration: "60s", fault: "{at: 0s, churn: {model: weibull, shape: 1.0, scale: 10s, downtime: 1s, departure: leave, exclude: [0, 1, 2]}}");
        var events = RunExecutor.Execute(ScenarioCompiler.Compile(spec, 1), timing: false).Events;
        var restarts = events.Where(e => e.Kind == "restart").ToList();
        Assert.That(restarts, Has.Count.GreaterThan(10), "returns happened");
        foreach (var r in restarts)
        {
            var stop = events.Where(e => e.Subject == r.Subject && e.Kind == "leave" && e.T0Us <= r.T0Us).Select(e => e.T0Us).DefaultIfEmpty(-1).Max();
            Assert.That(stop, Is.GreaterThanOrEqualTo(0), $"node {r.Subject} restarted at {r.T0Us} us after a leave that ended");
            Assert.That(events.Count(e => e.Subject == r.Subject && e.Kind == "restart" && e.T0Us >= stop && e.T0Us <= r.T0Us), Is.EqualTo(1),
                $"node {r.Subject}: one start after each stop");
        }
    }

    [Test]
    public void LeaveFault_UnderTheAkkaPreset_IsAGracefulLeave_KnownEverywhereWithinSeconds_NoFalseDeath()
    {
        var spec = AkkaScenario(nodes: 100, duration: "50s", fault: "{at: 10s, leave: {ids: [7, 40]}}");
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var outcome = RunExecutor.Execute(ScenarioCompiler.Compile(spec, seed), timing: false);
            var leaves = outcome.Events.Where(e => e.Kind == "leave").ToList();
            Assert.That(leaves.Select(e => e.Subject), Is.EquivalentTo(new[] { 7, 40 }), $"seed {seed}: both left");
            foreach (var e in leaves)
            {
                Assert.That(e.T0Us, Is.GreaterThan(10 * S), $"seed {seed}, node {e.Subject}: the process stopped after handing over");
                Assert.That(e.T100Us, Is.Not.Null, $"seed {seed}, node {e.Subject}: every observer knew");
                // A crash is known everywhere only once downed, 20 s stable-after past its first
                // unreachable mark (AkkaClusterTests); the confirmed exit is removed at the next
                // leader tick with convergence, and the removal then spreads by gossip.
                TestContext.Out.WriteLine($"seed {seed}, node {e.Subject}: stopped at {e.T0Us / 1e6:F3} s, t100 {e.T100Us!.Value / 1e6:F3} s");
                Assert.That(e.T100Us!.Value, Is.LessThan(10 * S), $"seed {seed}, node {e.Subject}: t100 after the stop");
            }
            Assert.That(outcome.Row.Get("fp_declarations"), Is.EqualTo("0"), $"seed {seed}: no false deaths");
            Assert.That(double.Parse(outcome.Row.Get("bytes_exiting_confirmed_per_node_s")!, CultureInfo.InvariantCulture), Is.GreaterThan(0), $"seed {seed}");
        }
    }
}
