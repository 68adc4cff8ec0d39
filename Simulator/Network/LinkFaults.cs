using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Network;

/// <summary>
/// Faults of links now in force: partitions (a group cut from the rest, two-way or one-way),
/// isolated nodes (every link fails both ways), and degraded nodes (extra loss and delay on their
/// links). Kept as a short list of active entries plus per-node caches rebuilt when the list
/// changes (faults are rare; messages are not). Ground truth: protocols never see it.
/// </summary>
public sealed class LinkFaults
{
    private readonly List<Entry> _active = new();
    private readonly List<Entry> _cuts = new();
    private readonly bool[] _isolated;
    private readonly double[] _lossKeep;
    private readonly long[] _extraDelayUs;
    private bool _anyDegraded;

    public LinkFaults(int nodeCount)
    {
        _isolated = new bool[nodeCount];
        _lossKeep = new double[nodeCount];
        _extraDelayUs = new long[nodeCount];
        Array.Fill(_lossKeep, 1.0);
    }

    /// <summary>Whether any link fault is in force; when not, the network skips this class entirely.</summary>
    public bool Active => _active.Count > 0;

    /// <summary>Cuts <paramref name="group"/> from every other node; returns a handle for <see cref="Remove"/>.</summary>
    public object Partition(IReadOnlyList<int> group, LinkDirection direction) => Add(new Entry(Members(group), EntryKind.Cut, direction, 0, 0));

    /// <summary>Every link of each node in <paramref name="nodes"/> fails, both ways, also among them.</summary>
    public object Isolate(IReadOnlyList<int> nodes) => Add(new Entry(Members(nodes), EntryKind.Isolate, LinkDirection.Both, 0, 0));

    /// <summary>Messages to or from these nodes are also lost with <paramref name="loss"/> and delayed by <paramref name="extraDelayUs"/> per degraded end.</summary>
    public object Degrade(IReadOnlyList<int> nodes, double loss, long extraDelayUs) =>
        Add(new Entry(Members(nodes), EntryKind.Degrade, LinkDirection.Both, loss, extraDelayUs));

    public void Remove(object handle)
    {
        if (_active.Remove((Entry)handle)) Rebuild();
    }

    /// <summary>Removes every link fault (heal).</summary>
    public void Clear()
    {
        _active.Clear();
        Rebuild();
    }

    /// <summary>Ground truth: whether a message from <paramref name="from"/> can reach <paramref name="to"/> now (loss aside).</summary>
    public bool CanReach(int from, int to)
    {
        if (_isolated[from] || _isolated[to]) return false;
        foreach (var cut in _cuts)
        {
            bool inFrom = cut.Members[from], inTo = cut.Members[to];
            if (inFrom == inTo) continue;
            if (cut.Direction == LinkDirection.Both || (cut.Direction == LinkDirection.Out) == inFrom) return false;
        }
        return true;
    }

    /// <summary>
    /// The fate of one message under the faults in force: false when cut or lost (a loss draw is
    /// made only when an end is degraded), else the extra delay of its degraded ends.
    /// </summary>
    public bool Pass(int from, int to, Xoshiro256StarStar stream, out long extraDelayUs) => Pass(from, to, stream, 1, out extraDelayUs);

    /// <summary>As above for a message of <paramref name="fragments"/> fragments: each must survive the degraded loss.</summary>
    public bool Pass(int from, int to, Xoshiro256StarStar stream, int fragments, out long extraDelayUs)
    {
        extraDelayUs = 0;
        if (!CanReach(from, to)) return false;
        if (!_anyDegraded) return true;
        double keep = _lossKeep[from] * _lossKeep[to];
        if (fragments > 1) keep = Math.Pow(keep, fragments);
        if (keep < 1 && stream.NextDouble() >= keep) return false;
        extraDelayUs = ExtraDelayUs(from, to);
        return true;
    }

    /// <summary>The extra delay of a message from <paramref name="from"/> to <paramref name="to"/>: that of each degraded end.</summary>
    public long ExtraDelayUs(int from, int to) => _extraDelayUs[from] + _extraDelayUs[to];

    private Entry Add(Entry entry)
    {
        _active.Add(entry);
        Rebuild();
        return entry;
    }

    private bool[] Members(IReadOnlyList<int> nodes)
    {
        var members = new bool[_isolated.Length];
        foreach (int node in nodes) members[node] = true;
        return members;
    }

    private void Rebuild()
    {
        Array.Clear(_isolated);
        Array.Fill(_lossKeep, 1.0);
        Array.Clear(_extraDelayUs);
        _cuts.Clear();
        _anyDegraded = false;
        foreach (var e in _active)
        {
            if (e.Kind == EntryKind.Cut)
            {
                _cuts.Add(e);
                continue;
            }
            for (int node = 0; node < _isolated.Length; node++)
            {
                if (!e.Members[node]) continue;
                if (e.Kind == EntryKind.Isolate) _isolated[node] = true;
                else
                {
                    _lossKeep[node] *= 1 - e.Loss;
                    _extraDelayUs[node] += e.ExtraDelayUs;
                    _anyDegraded = true;
                }
            }
        }
    }

    private enum EntryKind : byte { Cut, Isolate, Degrade }

    private sealed record Entry(bool[] Members, EntryKind Kind, LinkDirection Direction, double Loss, long ExtraDelayUs);
}
