using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Faults;
using MathNet.Numerics;

namespace GossipSim.Tests.Faults;

public class ChurnTests
{
    private const long S = 1_000_000;

    [Test]
    public void Poisson_DeparturesAndArrivals_CountsWithinPoissonBand()
    {
        // 400 nodes, 300 of them up; departures 2/s and arrivals 2/s for 200 s: each count is
        // Poisson(400), sd 20; band 4 sd. Arrivals never run out: the 100 absent nodes plus the departed.
        var c = new ProbeCluster(400, seed: 5, startAll: 300);
        var d = TimelineDriver.Attach(c.Simulation, [new ChurnFault(10 * S, 0, new ChurnModel(false, 2, 2), UntilUs: 210 * S)], 300 * S);
        c.Simulation.Run(300 * S);
        var process = d.Timeline.Processes.Single();
        Assert.That(process.Departures, Is.EqualTo(400).Within(80));
        Assert.That(process.Arrivals, Is.EqualTo(400).Within(80));
        Assert.That(process.SessionsUs, Is.Empty);
    }

    [TestCase(1.0, 2.0)]
    [TestCase(2.0, 0.5)]
    public void Poisson_NoNodeFreeForAStep_StepSkippedAndCountedAttemptsKeepTheRates(double departuresPerS, double arrivalsPerS)
    {
        // 30 nodes, all up, for 200 s. At 1 departure and 2 arrivals a second an arrival needs a node
        // this process took down, and about half find none; at 2 and 0.5 the cluster empties within
        // seconds and most departures find no up node. The steps keep their Poisson times either way:
        // carried out plus skipped is Poisson(rate x 200 s) (sd 10 to 20), band 4 sd, and each kind
        // skipped at least a quarter of its steps.
        var c = new ProbeCluster(30, seed: 5);
        var d = TimelineDriver.Attach(c.Simulation, [new ChurnFault(0, 0, new ChurnModel(false, departuresPerS, arrivalsPerS), UntilUs: 200 * S)], 300 * S);
        c.Simulation.Run(200 * S - 1);
        var process = d.Timeline.Processes.Single();
        double departures = departuresPerS * 200, arrivals = arrivalsPerS * 200;
        Assert.That(process.Departures + process.DeparturesSkipped, Is.EqualTo(departures).Within(4 * Math.Sqrt(departures)));
        Assert.That(process.Arrivals + process.ArrivalsSkipped, Is.EqualTo(arrivals).Within(4 * Math.Sqrt(arrivals)));
        Assert.That(process.Arrivals, Is.LessThanOrEqualTo(process.Departures), "an arrival starts a node this process took down");
        if (arrivalsPerS > departuresPerS) Assert.That(process.ArrivalsSkipped, Is.GreaterThan(arrivals / 4));
        else Assert.That(process.DeparturesSkipped, Is.GreaterThan(departures / 4));
    }

    [Test]
    public void Weibull_RestartedByAnotherFault_BeginsAFreshSession()
    {
        // 1,000 nodes, sessions Weibull(shape 3, scale 10 s), no downtime: a session's median is
        // 10 (ln 2)^(1/3) = 8.85 s. A crash of every up node at 8 s restarts them at 8.5 s (about 600:
        // e^-(0.8^3) = 0.60 are still up). Each restarted process begins a fresh session, so a
        // binomial half of them depart within 8.85 s of the restart (sd 12, band 4 sd), none within
        // 0.5 s (P = 1.25e-4 each). Kept on their old sessions' ends, 99% of them would
        // (P(W < 17.35 s | W > 8 s) = 0.991).
        var c = new ProbeCluster(1000, seed: 9);
        var d = TimelineDriver.Attach(c.Simulation,
            [new ChurnFault(0, 0, new ChurnModel(true, Shape: 3, ScaleUs: 10 * S)), new CrashFault(8 * S, FaultTargets.Share(1), ForUs: S / 2)],
            100 * S);
        long restartUs = 8 * S + S / 2;
        c.Simulation.Run(restartUs + 1);
        var process = d.Timeline.Processes.Single();
        int restarted = Enumerable.Range(0, 1000).Count(i => c.Simulation.Status[i] == NodeStatus.Up);
        int before = process.Departures;
        Assert.That(restarted, Is.EqualTo(1000 * Math.Exp(-0.512)).Within(4 * Math.Sqrt(1000 * 0.6 * 0.4)));
        c.Simulation.Run(restartUs + S / 2);
        Assert.That(process.Departures - before, Is.LessThanOrEqualTo(2));
        c.Simulation.Run(restartUs + (long)(10 * Math.Pow(Math.Log(2), 1.0 / 3) * S));
        Assert.That(process.Departures - before, Is.EqualTo(restarted / 2.0).Within(4 * Math.Sqrt(restarted / 4.0)));
    }

    [Test]
    public void Poisson_Stop_NoMoreStepsAndDepartedNodesRestart()
    {
        var c = new ProbeCluster(50, seed: 6);
        TimelineDriver.Attach(c.Simulation, [new ChurnFault(0, 0, new ChurnModel(false, DeparturesPerS: 5, Exclude: [0, 1]), UntilUs: 4 * S)], 10 * S);
        c.Simulation.Run(4 * S - 1);
        int down = Enumerable.Range(0, 50).Count(i => c.Simulation.Status[i] == NodeStatus.Crashed);
        Assert.That(down, Is.GreaterThan(5));
        Assert.That(c.Simulation.Status[0] == NodeStatus.Up && c.Simulation.Status[1] == NodeStatus.Up, Is.True, "excluded nodes stay");
        c.Simulation.Run(10 * S);
        Assert.That(Enumerable.Range(0, 50).All(i => c.Simulation.Status[i] == NodeStatus.Up), Is.True);
    }

    /// <param name="churnStartUs">0: the churn starts before the pause, so nearly every first
    /// session ends during it; 1 s: it starts while every node is paused, and the paused processes
    /// get their sessions all the same (without them none would ever depart).</param>
    [TestCase(0)]
    [TestCase(S)]
    public void Weibull_SessionEndingDuringAPause_NodeKeepsChurningAfterIt(long churnStartUs)
    {
        // 20 nodes, shape 1 (exponential sessions, mean 1 s), downtime mean 1 s; every node is
        // paused from 0.5 s to 20.5 s. From 21 s to 101 s each node is an alternating renewal
        // process with cycle mean 2 s and variance 2 s^2: departures ~ 20 x 80 / 2 = 800, variance
        // 20 x 80 x 2 / 2^3 = 200, so the 4-sd band is +-57. Dropping the nodes whose session ended
        // while paused leaves none.
        var c = new ProbeCluster(20, seed: 8);
        var d = TimelineDriver.Attach(c.Simulation,
            [new ChurnFault(churnStartUs, 0, new ChurnModel(true, Shape: 1, ScaleUs: 1 * S, DowntimeUs: 1 * S)), new PauseFault(S / 2, FaultTargets.Share(1), ForUs: 20 * S)],
            200 * S);
        c.Simulation.Run(21 * S);
        var process = d.Timeline.Processes.Single();
        int before = process.Departures;
        c.Simulation.Run(101 * S);
        Assert.That(process.Departures - before, Is.EqualTo(800).Within(57));
    }

    [Test]
    public void Weibull_SessionLengths_MeanAndMedianMatchTheDistribution()
    {
        // shape k = 0.7, scale 1 s: mean Gamma(1 + 1/k) = 1.266 s, median (ln 2)^(1/k) = 0.592 s,
        // sd sqrt(Gamma(1 + 2/k) - Gamma(1 + 1/k)^2) = 1.85 s. 200 nodes cycling (downtime mean 1 s)
        // for 300 s give ~26,000 sessions: se of the mean ~0.012 s, band 0.06 s (5 se); sessions cut
        // by the end of the run (< 1%) are never counted, a bias under 0.01 s.
        const double k = 0.7;
        var c = new ProbeCluster(200, seed: 7);
        var d = TimelineDriver.Attach(c.Simulation, [new ChurnFault(0, 0, new ChurnModel(true, Shape: k, ScaleUs: 1 * S, DowntimeUs: 1 * S))], 300 * S);
        c.Simulation.Run(300 * S);
        var sessions = d.Timeline.Processes.Single().SessionsUs.Select(x => x / 1e6).Order().ToArray();
        Assert.That(sessions.Length, Is.GreaterThan(20_000));
        Assert.That(sessions.Average(), Is.EqualTo(SpecialFunctions.Gamma(1 + 1 / k)).Within(0.06));
        // Median: DKW band e = 0.012 for n = 20,000 (P ~ 0.006): F^-1(0.5 +- e) = 0.572 .. 0.613 s.
        double Q(double u) => Math.Pow(-Math.Log(1 - u), 1 / k);
        Assert.That(sessions[sessions.Length / 2], Is.InRange(Q(0.488), Q(0.512)));
        Assert.That(d.Timeline.Processes[0].Arrivals, Is.GreaterThan(sessions.Length - 250));
    }
}
