namespace GossipSim.Simulator.Network;

/// <summary>
/// A payload its sender may overwrite once no message carrying it is in flight. The message store
/// counts the copies it holds (one per send, per duplicate, per message held for a paused node)
/// and uncounts each as it is taken for handling or discarded, so lost, duplicated and held
/// messages need no help from the protocol. The receiver reads the payload only while handling the
/// message (no handler re-enters another, so the sender cannot run meanwhile) and keeps no
/// reference to it. A protocol whose payloads run to kilobytes reuses them instead of allocating
/// a fresh snapshot for every message (the heartbeat family's member tables and state sets).
/// A payload may name a <see cref="Source"/> it is read together with (the sender's table a state
/// set points into): the source counts as in flight whenever this payload does.
/// </summary>
public abstract class ReusablePayload
{
    private int _inFlight;
    private ReusablePayload? _source;

    /// <summary>True while some message carrying this payload, or a payload reading from it, waits in the network or a pause buffer.</summary>
    public bool InFlight => _inFlight > 0;

    /// <summary>The payload this one is read together with; set only while this one is not in flight, so every count it took is returned.</summary>
    public ReusablePayload? Source
    {
        get => _source;
        protected set
        {
            if (InFlight) throw new InvalidOperationException("a payload's source cannot change while it is in flight");
            _source = value;
        }
    }

    internal void Added()
    {
        _inFlight++;
        _source?.Added();
    }

    internal void Taken()
    {
        _inFlight--;
        _source?.Taken();
    }
}
