using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// The held events of paused nodes (a GC pause: <see cref="Simulation.PauseNode"/>): each paused
/// node's due timers and arrived messages, kept in arrival order until it resumes, with at most a
/// buffer's capacity of messages. Held messages and tagged timers keep their slots in the run's
/// stores, so a buffer thrown away frees them.
/// </summary>
internal sealed class PausedNodes(int nodeCount, MessageStore messages, TimerTagStore timerTags)
{
    /// <summary>Per paused node: its held events; null when not paused (the array is null until the first pause).</summary>
    private PauseBuffer?[]? _buffers;

    /// <summary>Messages that reached a paused node whose buffer was full, and were dropped.</summary>
    public long Drops { get; private set; }

    /// <summary>Opens an empty buffer for a node that pauses now.</summary>
    public void Pause(int node, int capacity, WakeOrder wake) =>
        (_buffers ??= new PauseBuffer?[nodeCount])[node] = new PauseBuffer(capacity, wake);

    /// <summary>Closes a resuming node's buffer and hands back its events in the buffer's wake order, for the engine to run.</summary>
    public IEnumerable<SimEvent> Resume(int node)
    {
        var held = _buffers![node]!;
        _buffers[node] = null;
        return held.InWakeOrder();
    }

    /// <summary>Holds a timer that came due while the node is paused.</summary>
    public void HoldTimer(int node, int stamp, long tag)
    {
        SimEvent e = default;
        e.Node = node;
        if (tag == 0)
        {
            e.SequenceAndKind = (byte)EventKind.Timer;
            e.Arg = stamp;
        }
        else
        {
            e.SequenceAndKind = (byte)EventKind.TaggedTimer;
            e.Arg = timerTags.Add(stamp, tag);
        }
        _buffers![node]!.Events.Add(e);
    }

    /// <summary>Holds a message that reached the paused node, or drops it when the buffer is full.</summary>
    public void HoldMessage(int node, in Message message)
    {
        var held = _buffers![node]!;
        if (held.Messages >= held.Capacity)
        {
            Drops++;
            return;
        }
        held.Messages++;
        SimEvent e = default;
        e.Node = node;
        e.SequenceAndKind = (byte)EventKind.Delivery;
        e.Arg = messages.Add(message, message.From, message.To);
        held.Events.Add(e);
    }

    /// <summary>Throws away a node's buffer, if it has one (the node stops or starts afresh), freeing what its events hold.</summary>
    public void Discard(int node)
    {
        if (_buffers?[node] is not { } held) return;
        _buffers[node] = null;
        foreach (SimEvent e in held.Events) Discard(e);
    }

    /// <summary>Frees the slot a held event refers to.</summary>
    public void Discard(SimEvent e)
    {
        if (e.Kind == EventKind.Delivery) messages.Take(e.Arg, out _);
        else if (e.Kind == EventKind.TaggedTimer) timerTags.Take(e.Arg);
    }

    /// <summary>What a paused node holds: a bounded number of messages, and every timer that came due.</summary>
    private sealed class PauseBuffer(int capacity, WakeOrder wake)
    {
        public readonly List<SimEvent> Events = new();
        public readonly int Capacity = capacity;
        public int Messages;

        /// <summary>The held events in the buffer's wake order; each kind keeps its own order.</summary>
        public IEnumerable<SimEvent> InWakeOrder() => wake switch
        {
            WakeOrder.TimersFirst => Events.Where(e => e.Kind != EventKind.Delivery).Concat(Events.Where(e => e.Kind == EventKind.Delivery)),
            WakeOrder.MessagesFirst => Events.Where(e => e.Kind == EventKind.Delivery).Concat(Events.Where(e => e.Kind != EventKind.Delivery)),
            _ => Events,
        };
    }
}
