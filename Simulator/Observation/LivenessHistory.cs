namespace GossipSim.Simulator.Observation;

/// <summary>
/// When each node's process started and stopped: the ground truth used to decide which nodes
/// count as observers of a cluster event. The changes of every node live in one list, each linked
/// to its node's previous change, so that a node costs an int rather than list objects of its own:
/// at 100,000 nodes and more those were allocated amid the nodes' state and made it larger to walk.
/// </summary>
public sealed class LivenessHistory
{
    /// <summary>Per node, the index of its latest change in <see cref="_changes"/>; -1 before its first start.</summary>
    private readonly int[] _latest;
    private readonly List<Change> _changes = new();

    public LivenessHistory(int nodeCount)
    {
        _latest = new int[nodeCount];
        Array.Fill(_latest, -1);
    }

    public void OnStarted(int node, long nowUs) => Add(node, nowUs, started: true);

    public void OnStopped(int node, long nowUs) => Add(node, nowUs, started: false);

    private void Add(int node, long nowUs, bool started)
    {
        _changes.Add(new Change(nowUs, started, _latest[node]));
        _latest[node] = _changes.Count - 1;
    }

    /// <summary>True when the node was up at <paramref name="fromUs"/> and did not stop up to <paramref name="toUs"/> inclusive.</summary>
    public bool UpThroughout(int node, long fromUs, long toUs)
    {
        long lastStartAtOrBefore = long.MinValue;
        for (int i = _latest[node]; i >= 0; i = _changes[i].Previous)
            if (_changes[i] is { Started: true } start && start.AtUs <= fromUs) lastStartAtOrBefore = Math.Max(lastStartAtOrBefore, start.AtUs);
        if (lastStartAtOrBefore == long.MinValue) return false;
        for (int i = _latest[node]; i >= 0; i = _changes[i].Previous)
            if (_changes[i] is { Started: false } stop && stop.AtUs >= lastStartAtOrBefore && stop.AtUs <= toUs) return false;
        return true;
    }

    /// <summary>
    /// The nodes up on average from 0 to <paramref name="endUs"/>: every node's time up, over the
    /// span. A rate per node divided by it is what a live node does: divided by every node, a run
    /// whose nodes crash, leave or join late would report less than any live node does. With every
    /// node up throughout it is the node count exactly.
    /// </summary>
    public double MeanNodesUp(long endUs)
    {
        long up = 0;
        for (int node = 0; node < _latest.Length; node++) up += UpUs(node, endUs);
        return up / (double)endUs;
    }

    /// <summary>How long the node's process was up before <paramref name="endUs"/>, over all its starts and stops.</summary>
    public long UpUs(int node, long endUs)
    {
        long up = 0, until = endUs;
        // Changes are walked latest first: a stop ends the span its start opens.
        for (int i = _latest[node]; i >= 0; i = _changes[i].Previous)
        {
            var change = _changes[i];
            if (change.Started) up += until - change.AtUs;
            until = change.AtUs;
        }
        return up;
    }

    /// <param name="AtUs">When the process started or stopped.</param>
    /// <param name="Started">A start (else a stop).</param>
    /// <param name="Previous">The node's change before this one, -1 for none.</param>
    private readonly record struct Change(long AtUs, bool Started, int Previous);
}
