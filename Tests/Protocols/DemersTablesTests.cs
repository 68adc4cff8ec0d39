using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Rumor;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Protocols;

/// <summary>
/// Demers et al. (PODC 1987), Tables 1 and 2, at n = 1000 in synchronous rounds: push rumor
/// mongering with feedback and a counter of consecutive unnecessary contacts (Table 1), and blind
/// with a coin (Table 2). The paper's residues s and traffic m (pushes per site) are themselves
/// Monte Carlo means, printed to two significant digits, so each is checked within four standard
/// errors of the simulated mean plus half a unit of its last printed digit.
/// </summary>
public class DemersTablesTests
{
    private const int Nodes = 1000;
    private const int Runs = 40;
    private const long CycleUs = 100_000;

    /// <summary>One run's residue s, traffic m, and the mean and last cycle in which a site learned the rumor.</summary>
    public readonly record struct Spread(double Residue, double Traffic, double MeanCycle, int LastCycle);

    /// <summary>One rumor from node 0 in synchronous 100 ms cycles over 1 ms links, run until every site is cold.</summary>
    public static Spread Run(StopRule stop, int k, bool feedback, bool reset, ulong seed)
    {
        var config = new RumorConfig(Nodes, Direction.Push, SpreadMode.Rumor, 1, CycleUs, stop, k, feedback, AlignedPhase: true,
            RumorSizes.Defaults(), CounterReset: reset);
        var streams = new RandomStreams(seed);
        var network = new NetworkModel(streams.For(StreamPurpose.Network), new ConstantLatency(1_000), 0);
        var learnedUs = new long[Nodes];
        Array.Fill(learnedUs, -1);
        long pushes = 0;
        var create = config.NodeFactory();
        var sim = new Simulation(Nodes, streams, network, new ObservationHub(Nodes, config.MessageTypes),
            context => create(new Recording(context, learnedUs, () => pushes++)));
        for (int i = 0; i < Nodes; i++) sim.StartNode(i);
        sim.Run(CycleUs / 2);
        ((RumorNode)sim.NodeAt(0)!).OnLocalUpdate(1);
        // Cycle by cycle until no site holds the rumor hot.
        for (long end = CycleUs; ; end += CycleUs)
        {
            sim.Run(end + CycleUs / 2);
            if (Enumerable.Range(0, Nodes).All(i => ((RumorNode)sim.NodeAt(i)!).HotCount == 0)) break;
        }
        var cycles = learnedUs.Where(t => t >= 0).Select(t => (int)(t / CycleUs)).ToList();
        return new Spread(1 - cycles.Count / (double)Nodes, pushes / (double)Nodes, cycles.Average(), cycles.Max());
    }

    public static IReadOnlyList<Spread> Runs_(StopRule stop, int k, bool feedback, bool reset) =>
        Enumerable.Range(1, Runs).Select(seed => Run(stop, k, feedback, reset, (ulong)(1000 * k + seed))).ToList();

    private static void AssertWithin(IReadOnlyList<double> xs, double paper, double halfDigit, string what)
    {
        double mean = xs.Average();
        double se = Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1) / xs.Count);
        Assert.That(mean, Is.EqualTo(paper).Within(4 * se + halfDigit), $"{what}: simulated {mean:G4} ± {se:G2} (SE), paper {paper}");
    }

    // Table 1: push, feedback, counter (consecutive unnecessary contacts): s, m.
    [TestCase(1, 0.18, 0.005, 1.7, 0.05)]
    [TestCase(2, 0.037, 0.0005, 3.3, 0.05)]
    [TestCase(3, 0.011, 0.0005, 4.5, 0.05)]
    [TestCase(4, 0.0036, 0.00005, 5.6, 0.05)]
    [TestCase(5, 0.0012, 0.00005, 6.7, 0.05)]
    public void Table1_FeedbackResetCounter_ResidueAndTrafficMatchThePaper(int k, double s, double sDigit, double m, double mDigit)
    {
        var runs = Runs_(StopRule.Counter, k, feedback: true, reset: true);
        AssertWithin(runs.Select(r => r.Residue).ToList(), s, sDigit, $"k={k} residue");
        AssertWithin(runs.Select(r => r.Traffic).ToList(), m, mDigit, $"k={k} traffic");
    }

    [Test]
    public void Table1_WithoutReset_ResidueFollowsTheClosedFormInstead()
    {
        // Counting every unnecessary contact: s = e^-(k+1)(1-s) = 0.060 at k = 2, not Table 1's 0.037.
        double mean = Runs_(StopRule.Counter, 2, feedback: true, reset: false).Average(r => r.Residue);
        Assert.That(mean, Is.EqualTo(0.060).Within(0.01));
    }

    // Table 2: push, blind, coin: s, m.
    [TestCase(1, 0.96, 0.005, 0.04, 0.005)]
    [TestCase(2, 0.20, 0.005, 1.6, 0.05)]
    [TestCase(3, 0.060, 0.0005, 2.8, 0.05)]
    [TestCase(4, 0.021, 0.0005, 3.9, 0.05)]
    [TestCase(5, 0.008, 0.0005, 4.9, 0.05)]
    public void Table2_BlindCoin_ResidueAndTrafficMatchThePaper(int k, double s, double sDigit, double m, double mDigit)
    {
        var runs = Runs_(StopRule.Coin, k, feedback: false, reset: false);
        AssertWithin(runs.Select(r => r.Residue).ToList(), s, sDigit, $"k={k} residue");
        AssertWithin(runs.Select(r => r.Traffic).ToList(), m, mDigit, $"k={k} traffic");
    }

    [TestCase("stop: {coin: 2, reset: true}", "counter stop rule only")]
    [TestCase("stop: {counter: 2, reset: true}, feedback: false", "needs feedback")]
    public void Reset_WithoutACounterWithFeedback_IsAnError(string keys, string message)
    {
        var error = GossipSim.Tests.Scenarios.ScenarioYaml.Errors($$$"""
            scenarios:
              - name: bad
                protocol: {kind: push, mode: rumor, {{{keys}}}}
            """).Single();
        Assert.That(error.Key, Is.EqualTo("protocol.stop.reset"));
        Assert.That(error.Message, Does.Contain(message));
    }

    /// <summary>Forwards everything; records when each site first learns and counts pushes.</summary>
    private sealed class Recording(INodeContext real, long[] learnedUs, Action pushed) : INodeContext
    {
        public int Id => real.Id;

        public long NowUs => real.NowUs;

        public Xoshiro256StarStar Random => real.Random;

        public void Send(int to, in Message message)
        {
            if (message.Type == RumorMessageType.Push) pushed();
            real.Send(to, message);
        }

        public void SendToEach(ReadOnlySpan<int> peers, in Message message)
        {
            foreach (int peer in peers) Send(peer, message);
        }

        public void SendStream(int to, in Message message, int legs) => real.SendStream(to, message, legs);

        public bool OpenStream(int to, in Message message, long dialTimeoutUs) => real.OpenStream(to, message, dialTimeoutUs);

        public void SetTimer(int kind, long delayUs, long tag = 0) => real.SetTimer(kind, delayUs, tag);

        public void CancelTimers(int kind) => real.CancelTimers(kind);

        public void Exit() => real.Exit();

        public void Emit(ObservationKind kind, int subject, long value = 0)
        {
            if (kind == ObservationKind.LearnedVersion && learnedUs[real.Id] < 0) learnedUs[real.Id] = real.NowUs;
            real.Emit(kind, subject, value);
        }
    }
}
