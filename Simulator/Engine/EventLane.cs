using GossipSim.Simulator.Network;
using GossipSim.Simulator.Protocols;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// The events of one share of a run's nodes, and what handling them needs: their queue, the
/// messages in flight to them, their tagged timers' tags and their clock. A sequential run has one
/// lane for all its nodes. A run split across threads (<see cref="Simulation"/>'s windows) has one
/// lane per thread, each over a contiguous block of node ids, so that a thread handles its own
/// nodes' events without touching another's queue or store.
/// </summary>
internal sealed class EventLane(EventQueue queue, Func<INodeContext, ProtocolNode> nodeFactory)
{
    public readonly EventQueue Queue = queue;

    /// <summary>Messages on their way to this lane's nodes, until delivered.</summary>
    public readonly MessageStore Messages = new();

    /// <summary>Tags of this lane's nodes' pending tagged timers.</summary>
    public readonly TimerTagStore TimerTags = new();

    /// <summary>
    /// Makes this lane's nodes. A family whose nodes share scratch storage (rumor's peer array) gets
    /// one factory per lane, so nodes handled on different threads never share it.
    /// </summary>
    public readonly Func<INodeContext, ProtocolNode> NodeFactory = nodeFactory;

    /// <summary>
    /// The lane's clock and count, written by its thread on every event, apart from whatever the
    /// carrying-out thread reads meanwhile (<see cref="CacheLineAlone{T}"/>).
    /// </summary>
    private CacheLineAlone<Progress> _progress;

    private struct Progress
    {
        public long NowUs;
        public long EventsProcessed;
    }

    /// <summary>The time of the event this lane handles in a window, or of the driver's instant.</summary>
    public long NowUs
    {
        get => _progress.Value.NowUs;
        set => _progress.Value.NowUs = value;
    }

    /// <summary>Events this lane handled in windows.</summary>
    public long EventsProcessed
    {
        get => _progress.Value.EventsProcessed;
        set => _progress.Value.EventsProcessed = value;
    }

    /// <summary>
    /// True while this lane's thread handles a window of a split run: its nodes' sends, timers and
    /// reports go into <see cref="Log"/>, to be carried out in the run's one order afterwards.
    /// </summary>
    public bool Recording;

    /// <summary>The log of the window being handled (null in a sequential run).</summary>
    public WindowLog? Log;
}
