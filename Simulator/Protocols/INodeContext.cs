using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Protocols;

/// <summary>
/// Everything a protocol node may touch: its id, the clock, its own random stream, the wire,
/// its timers, and a way to say what it now believes. It never sees ground truth or another
/// node's memory, so the same node code could run over real UDP with a real clock.
/// </summary>
public interface INodeContext
{
    int Id { get; }

    long NowUs { get; }

    Xoshiro256StarStar Random { get; }

    /// <summary>
    /// How long the message being handled waited in this node's handling queue before its turn
    /// began: more than 0 only on a slow node (<see cref="Engine.Simulation.SlowNode"/>), whose
    /// messages queue behind one another. A paused node's held messages wait 0, as a stopped
    /// process takes them off its socket only after the pause. A process can know this much: it
    /// stamps a message as it takes it in (Akka's gossip envelope takes its deadline so).
    /// </summary>
    long QueueWaitUs => 0;

    void Send(int to, in Message message);

    /// <summary>Sends the message to each of <paramref name="peers"/> in turn, as that many <see cref="Send"/>s would (a fanout's copies, for less work per copy).</summary>
    void SendToEach(ReadOnlySpan<int> peers, in Message message)
    {
        foreach (int peer in peers) Send(peer, message);
    }

    /// <summary>
    /// Sends the message over a TCP stream: TCP retransmits, so no random loss or duplication, but
    /// it fails when either direction between the pair is cut, and a node that is down never reads
    /// it. <paramref name="legs"/> one-way latencies pass before it arrives: 3 on a new connection
    /// (SYN, SYN-ACK, then the data), 1 for a reply on the same connection.
    /// </summary>
    void SendStream(int to, in Message message, int legs);

    /// <summary>
    /// Dials <paramref name="to"/> and sends the message on the new connection, as
    /// <see cref="SendStream"/> with 3 legs. A dial that cannot connect writes no message: where
    /// either direction between the pair is cut, or the receiver has crashed, no answer comes and
    /// its SYNs go out until <paramref name="dialTimeoutUs"/>; where the receiver has left or not
    /// started, its host refuses the one SYN. Only those SYNs are charged to the sender
    /// (<see cref="Wire.WireOverhead.FailedDial"/>), under the message's type. A paused receiver's
    /// kernel still accepts the connection, and the message waits for it.
    /// </summary>
    /// <returns>
    /// False when the receiver's host refused the dial: connect() fails at once there, and the
    /// model tells the dialer without the round trip. A dial that nobody answers returns true, as
    /// one that connects does: its dialer learns of it only from its own timeout.
    /// </returns>
    bool OpenStream(int to, in Message message, long dialTimeoutUs);

    /// <summary>Fires <see cref="ProtocolNode.OnTimer"/> with this kind and tag after the delay.</summary>
    void SetTimer(int kind, long delayUs, long tag = 0);

    /// <summary>Cancels every pending timer of this kind (lazily: they fire into nothing).</summary>
    void CancelTimers(int kind);

    /// <summary>
    /// The process stops itself now, as a process that exits: its timers die, it reads nothing
    /// more, and its host refuses dials; a node that is leaving (<see cref="ProtocolNode.OnLeave"/>)
    /// ends its leave so, with status Left. Called last in a handler (the node is gone when it returns). Not in a run split
    /// across threads.
    /// </summary>
    void Exit();

    /// <summary>Reports a change in this node's beliefs to whoever watches (the trackers).</summary>
    void Emit(ObservationKind kind, int subject, long value = 0);
}
