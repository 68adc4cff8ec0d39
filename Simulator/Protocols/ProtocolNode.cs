using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Protocols;

/// <summary>
/// One node's protocol state machine. The engine calls it; it answers only through its context.
/// </summary>
public abstract class ProtocolNode
{
    /// <summary>Timer kinds are small integers, below this bound, so the engine can cancel per kind.</summary>
    public const int MaxTimerKinds = 8;

    protected ProtocolNode(INodeContext context) => Context = context;

    protected INodeContext Context { get; }

    /// <summary>The node process starts (at run start, or on join or restart with fresh state).</summary>
    public abstract void Start();

    public abstract void OnTimer(int kind, long tag);

    public abstract void OnMessage(in Message message);

    /// <summary>The application on this node writes an update: a new version of this node's own item.</summary>
    public virtual void OnLocalUpdate(long version) { }

    /// <summary>
    /// Graceful leave: the node may tell others before it stops, and says where its leave stands
    /// (<see cref="LeaveProgress"/>): done, so the process stops now; handing over as a member until
    /// it exits (Akka); or out of the membership now, its process running on until it exits (Cassandra).
    /// </summary>
    public virtual LeaveProgress OnLeave() => LeaveProgress.Done;

    /// <summary>The process has ended (crash, leave, or a restart to come): storage it shares with its run's other nodes can be released. It sends nothing.</summary>
    public virtual void OnStopped() { }
}
