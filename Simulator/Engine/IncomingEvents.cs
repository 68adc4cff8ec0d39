using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// Events the carrying out of a window made for one lane (deliveries to its nodes, their timers
/// due later), held until the lane's own thread queues them: a write into the lane's queue from the
/// carrying-out thread would take each of the queue's cache lines from the core that handles the
/// lane, and back again on the next pop. A delivery's message stays in its sender's window log
/// until then (<see cref="WindowLog.MessageAt"/>): the event's argument says which
/// (<see cref="Source"/>), and no copy is made on the carrying-out thread.
/// <para>
/// One thread adds (the carrying out) while the lane's thread may queue what has been added so
/// far: <see cref="Publish"/> makes the events added until then visible to
/// <see cref="QueuePublished"/>, and only the lane's thread, once the adding is over, empties the
/// buffer (<see cref="Clear"/>).
/// </para>
/// </summary>
internal sealed class IncomingEvents
{
    /// <summary>Bits of a delivery's argument that hold its sender's lane; the rest hold the message's index in that lane's log.</summary>
    public const int LaneBits = 6;

    private SimEvent[] _events = new SimEvent[1024];
    /// <summary>
    /// Events added and the earliest one's time, written by the adding thread on every event. This,
    /// the published count and the queued count each sit on a line of their own, so that neither
    /// thread's writes take a line the other is reading.
    /// </summary>
    private CacheLineAlone<Added> _added;
    /// <summary>Events the lane's thread may queue: written (after the events and the array) by the adding thread only.</summary>
    private CacheLineAlone<int> _published;
    /// <summary>Events the lane's thread has queued: written by it.</summary>
    private CacheLineAlone<int> _queued;

    private struct Added
    {
        public int Count;
        public long EarliestUs;
    }

    public IncomingEvents() => _added.Value.EarliestUs = long.MaxValue;

    /// <summary>The earliest held event's time (long.MaxValue when none is held).</summary>
    public long EarliestUs => _added.Value.EarliestUs;

    /// <summary>A delivery's argument while it is held: message <paramref name="index"/> of lane <paramref name="lane"/>'s log.</summary>
    public static int Source(int lane, int index) => (index << LaneBits) | lane;

    /// <summary>
    /// A timer, or a delivery whose argument is its message's <see cref="Source"/>. Taken field by
    /// field and written straight into the slot: an event built on the stack and copied whole is
    /// read back in one wide load that must wait until every store before it, misses included, has
    /// reached the cache.
    /// </summary>
    public void Add(long timeUs, long sequenceAndKind, int node, int arg)
    {
        ref Added added = ref _added.Value;
        // A resize makes a new array and leaves the old one whole, which the lane's thread may be reading.
        if (added.Count == _events.Length) Array.Resize(ref _events, added.Count * 2);
        ref SimEvent e = ref _events[added.Count++];
        e.TimeUs = timeUs;
        e.SequenceAndKind = sequenceAndKind;
        e.Node = node;
        e.Arg = arg;
        if (timeUs < added.EarliestUs) added.EarliestUs = timeUs;
    }

    /// <summary>Lets the lane's thread queue every event added so far.</summary>
    public void Publish()
    {
        if (_published.Value != _added.Value.Count) Volatile.Write(ref _published.Value, _added.Value.Count);
    }

    /// <summary>
    /// Queues the events published since the last call, in the order they were made, storing each
    /// delivery's message from its sender's log of the window that sent it (<paramref name="senders"/>, by lane).
    /// </summary>
    public void QueuePublished(EventQueue queue, MessageStore messages, WindowLog[] senders)
    {
        int published = Volatile.Read(ref _published.Value);
        var events = Volatile.Read(ref _events);
        for (int i = _queued.Value; i < published; i++)
        {
            SimEvent e = events[i];
            if (e.Kind == EventKind.Delivery)
            {
                ref readonly Message message = ref senders[e.Arg & ((1 << LaneBits) - 1)].MessageAt(e.Arg >> LaneBits);
                e.Arg = messages.Add(message, message.From, e.Node);
            }
            queue.Push(e);
        }
        _queued.Value = published;
    }

    /// <summary>Empties the buffer once every event is queued and no more will be added until the next window's calls are carried out.</summary>
    public void Clear()
    {
        _added.Value = new Added { EarliestUs = long.MaxValue };
        _published.Value = _queued.Value = 0;
    }

    /// <summary>Queues every held event, when the adding is over (see <see cref="QueuePublished"/>).</summary>
    public void MoveInto(EventQueue queue, MessageStore messages, WindowLog[] senders)
    {
        Publish();
        QueuePublished(queue, messages, senders);
        Clear();
    }
}
