namespace GossipSim.Simulator.Protocols;

/// <summary>
/// A protocol family's settings for one run, and how to make one node of it. Each family
/// (rumor, heartbeat, swim) has its own record implementing this, built by the scenario compiler.
/// </summary>
public interface IProtocolSetup
{
    /// <summary>Names of the family's message types, indexed by <see cref="Network.Message.Type"/>.</summary>
    IReadOnlyList<string> MessageTypes { get; }

    ProtocolNode CreateNode(INodeContext context);

    /// <summary>
    /// The longest delay the family's nodes schedule every round (SWIM's probe interval, the round
    /// of heartbeat and rumor gossip), in microseconds: the event queue's wheel reaches that far
    /// ahead, so those timers stay out of its far heap (<see cref="Engine.EventQueue.ForNodes"/>).
    /// </summary>
    long RoundUs { get; }

    /// <summary>
    /// The node factory of one run. A family whose nodes share storage (swim's member views) makes
    /// that storage here, once per run; the others make each node on its own.
    /// </summary>
    Func<INodeContext, ProtocolNode> NodeFactory() => CreateNode;

    /// <summary>
    /// True when the family's nodes write no storage shared with other nodes while handling an
    /// event, other than what <see cref="NodeFactory"/> makes per call: a run may then handle its
    /// nodes on several threads (<see cref="Engine.LaneSplit"/>), one factory per thread.
    /// </summary>
    bool NodesShareNoState => false;

    /// <summary>True for membership protocols (heartbeat, swim): their runs get the membership columns.</summary>
    bool MaintainsMembership => false;

    /// <summary>
    /// True when nodes started at time 0 already know each other as alive without saying so
    /// (a running cluster, as SWIM models it); trackers then start from that view.
    /// </summary>
    bool InitialMembersKnowEachOther => false;

    /// <summary>
    /// True when a membership report's value names the subject's process by its start: the start
    /// time in microseconds plus one, 0 for a process started at time 0 (Akka's uid here). A report
    /// on a node that came back then says by itself whether it is about the process running now or
    /// one that stopped (<see cref="Observation.LateDeathMarks"/>).
    /// </summary>
    bool ReportValuesNameProcessStarts => false;
}
