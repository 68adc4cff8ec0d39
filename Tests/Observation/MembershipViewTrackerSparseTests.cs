using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Observation;

/// <summary>
/// The view tracker's sparse counts (a shared baseline, per-observer differences, folds) against
/// the brute-force n² count over a dense copy of every belief, after every step of random
/// histories: starts, crashes, leaves, pauses, single emissions, and whole-cluster agreement
/// (which folds a subject into the baseline).
/// </summary>
public class MembershipViewTrackerSparseTests
{
    private const int N = 9;

    [TestCase(1UL, true)]
    [TestCase(2UL, true)]
    [TestCase(3UL, false)]
    [TestCase(4UL, false)]
    public void Counts_AfterEveryStepOfARandomHistory_EqualTheBruteForceCount(ulong seed, bool runningCluster)
    {
        var random = new Xoshiro256StarStar(seed);
        var truth = new NodeStatus[N];
        var hub = new ObservationHub(N, ["m"]);
        hub.TrackMembership(truth);
        var views = hub.Views!;
        var dense = new BeliefState[N, N];
        long t = 0;
        for (int i = 0; i < 6; i++)
        {
            truth[i] = NodeStatus.Up;
            hub.OnNodeStarted(i, t);
        }
        if (runningCluster)
        {
            views.AssumeUpNodesKnowEachOther();
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 6; j++) dense[i, j] = BeliefState.Alive;
        }
        ObservationKind[] kinds = [ObservationKind.MarkedAlive, ObservationKind.Suspected, ObservationKind.MarkedDead, ObservationKind.Removed];
        for (int step = 0; step < 3_000; step++)
        {
            t += 1_000;
            int node = random.NextInt(N);
            int op = random.NextInt(20);
            if (op == 0 && truth[node] is NodeStatus.Absent or NodeStatus.Crashed or NodeStatus.Left)
            {
                truth[node] = NodeStatus.Up;
                hub.OnNodeStarted(node, t);
                for (int j = 0; j < N; j++) dense[node, j] = BeliefState.Unknown;
            }
            else if (op == 1 && truth[node] == NodeStatus.Up)
            {
                var why = random.NextInt(2) == 0 ? NodeStatus.Crashed : NodeStatus.Left;
                truth[node] = why;
                hub.OnNodeStopped(node, t, why);
                for (int j = 0; j < N; j++) dense[node, j] = BeliefState.Unknown;
            }
            else if (op == 2 && truth[node] == NodeStatus.Up)
            {
                truth[node] = NodeStatus.Paused;
                hub.OnNodePaused(node, t);
            }
            else if (op == 3 && truth[node] == NodeStatus.Paused)
            {
                truth[node] = NodeStatus.Up;
                hub.OnNodeResumed(node, t);
            }
            else if (op == 4)
            {
                // Every up node comes to the same belief about one subject.
                var kind = kinds[random.NextInt(kinds.Length)];
                for (int i = 0; i < N; i++)
                {
                    if (truth[i] != NodeStatus.Up || i == node) continue;
                    hub.Observe(i, t, kind, node, 1);
                    dense[i, node] = Belief(kind);
                }
            }
            else
            {
                int observer = random.NextInt(N);
                if (truth[observer] != NodeStatus.Up || observer == node) continue;
                var kind = kinds[random.NextInt(kinds.Length)];
                hub.Observe(observer, t, kind, node, 1);
                dense[observer, node] = Belief(kind);
            }
            AssertCounts(views, truth, dense, step);
        }
    }

    private static BeliefState Belief(ObservationKind kind) => kind switch
    {
        ObservationKind.MarkedAlive => BeliefState.Alive,
        ObservationKind.Suspected => BeliefState.Suspect,
        ObservationKind.MarkedDead => BeliefState.Dead,
        _ => BeliefState.Removed,
    };

    private static void AssertCounts(MembershipViewTracker views, NodeStatus[] truth, BeliefState[,] dense, int step)
    {
        long correct = 0, suspected = 0, dead = 0;
        int observers = 0;
        var downBy = new int[N];
        for (int i = 0; i < N; i++)
        {
            if (truth[i] != NodeStatus.Up) continue;
            observers++;
            for (int j = 0; j < N; j++)
            {
                if (i == j) continue;
                var b = dense[i, j];
                Assert.That(views.BeliefOf(i, j), Is.EqualTo(b), $"step {step}: belief of {i} about {j}");
                bool believedUp = b is BeliefState.Alive or BeliefState.Suspect;
                bool up = truth[j] is NodeStatus.Up or NodeStatus.Paused;
                if (believedUp == up) correct++;
                if (b == BeliefState.Suspect) suspected++;
                if (b == BeliefState.Dead) dead++;
                if (b is BeliefState.Dead or BeliefState.Removed) downBy[j]++;
            }
        }
        Assert.That(views.UpObservers, Is.EqualTo(observers), $"step {step}");
        Assert.That(views.SuspectedPairs, Is.EqualTo(suspected), $"step {step}: suspected pairs");
        Assert.That(views.DeadPairs, Is.EqualTo(dead), $"step {step}: dead pairs");
        for (int j = 0; j < N; j++) Assert.That(views.BelievedDownBy(j), Is.EqualTo(downBy[j]), $"step {step}: believed down by, subject {j}");
        if (observers > 0 && !double.IsNaN(views.ViewAccuracy))
            Assert.That(views.ViewAccuracy, Is.EqualTo((double)correct / ((long)observers * (N - 1))), $"step {step}: view accuracy");
    }
}
