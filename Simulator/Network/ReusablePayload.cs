namespace GossipSim.Simulator.Network;

/// <summary>
/// A payload its sender may overwrite once no message carrying it is in flight. The message store
/// counts the copies it holds (one per send, per duplicate, per message held for a paused node)
/// and uncounts each as it is taken for handling or discarded, so lost, duplicated and held
/// messages need no help from the protocol. The receiver reads the payload only while handling the
/// message (no handler re-enters another, so the sender cannot run meanwhile) and keeps no
/// reference to it. A protocol whose payloads run to kilobytes reuses them instead of allocating
/// a fresh snapshot for every message (the heartbeat family's digests and states).
/// </summary>
public abstract class ReusablePayload
{
    private int _inFlight;

    /// <summary>True while some message carrying this payload waits in the network or a pause buffer.</summary>
    public bool InFlight => _inFlight > 0;

    internal void Added() => _inFlight++;

    internal void Taken() => _inFlight--;
}
