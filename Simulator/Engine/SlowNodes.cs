namespace GossipSim.Simulator.Engine;

/// <summary>
/// The message-handling queues of slow nodes (a CPU-starved or swapping process:
/// <see cref="Simulation.SlowNode"/>): each slow node handles arriving messages one at a time, in
/// arrival order, each taking its service time, with at most a queue's capacity waiting.
/// Slowness belongs to the machine, not to the process: a crash ends the queued work, but the slow
/// faults in force stay, so a process restarted within their window is slow too.
/// </summary>
internal sealed class SlowNodes(int nodeCount)
{
    /// <summary>Per slow node: its queue; null when not slow (the array is null until the first slow fault).</summary>
    private SlowQueue?[]? _queues;

    /// <summary>Whether any node has been slow in this run: until then delivery asks nothing more.</summary>
    public bool Any => _queues is not null;

    /// <summary>Messages that reached a slow node whose handling queue was full, and were dropped.</summary>
    public long Drops { get; private set; }

    /// <summary>
    /// Makes a node slow, from the next message on. Each call is a hold that <see cref="Unslow"/>
    /// ends: while several slow faults overlap on a node, it stays slow until the last of them
    /// ends, at the service time and capacity of the latest one still in force.
    /// </summary>
    public void Slow(int node, long serviceUs, int capacity)
    {
        var queue = (_queues ??= new SlowQueue?[nodeCount])[node] ??= new SlowQueue();
        queue.Holds.Add((serviceUs, capacity));
        (queue.ServiceUs, queue.Capacity) = (serviceUs, capacity);
    }

    /// <summary>Whether the node is slow now (a slow fault in force).</summary>
    public bool IsSlow(int node) => _queues?[node] is { ServiceUs: > 0 };

    /// <summary>
    /// Ends the hold that <see cref="Slow"/> took with these values; when none is left, slowness
    /// ends: messages already queued are still handled in order, the rest at once.
    /// </summary>
    public void Unslow(int node, long serviceUs, int capacity)
    {
        if (_queues?[node] is not { } queue) return;
        queue.Holds.Remove((serviceUs, capacity));
        if (queue.Holds.Count > 0)
        {
            (queue.ServiceUs, queue.Capacity) = queue.Holds[^1];
            return;
        }
        queue.ServiceUs = 0;
        ForgetIfIdle(node);
    }

    /// <summary>
    /// The node's process stops: the messages waiting in its queue die with it (each is dropped when
    /// its turn comes, <see cref="OnHandled"/>) and the next process starts with an empty queue; the
    /// slow faults in force keep holding the node.
    /// </summary>
    public void OnStopped(int node)
    {
        if (_queues?[node] is not { } queue) return;
        foreach (int slot in queue.Queued.Keys) (queue.Orphans ??= new HashSet<int>()).Add(slot);
        queue.Queued.Clear();
        queue.BusyUntilUs = 0;
        ForgetIfIdle(node);
    }

    /// <summary>Whether the node has a handling queue, slow or still draining one.</summary>
    public bool HasQueue(int node) => _queues is not null && _queues[node] is not null;

    /// <summary>
    /// An arriving message joins the node's queue: true with the time its turn ends, when it is
    /// handled; false when the queue is full and the message is dropped.
    /// </summary>
    public bool TryQueue(int node, int slot, long nowUs, out long handledAtUs)
    {
        var slow = _queues![node]!;
        if (slow.Queued.Count >= slow.Capacity)
        {
            Drops++;
            handledAtUs = 0;
            return false;
        }
        long turnUs = Math.Max(nowUs, slow.BusyUntilUs);
        slow.Queued.Add(slot, turnUs - nowUs);
        slow.BusyUntilUs = turnUs + slow.ServiceUs;
        handledAtUs = slow.BusyUntilUs;
        return true;
    }

    /// <summary>
    /// A queued message's turn has ended: true when the process it was queued for is still the
    /// node's (handle it), with how long the message waited before its turn began; false when that
    /// process has stopped since (drop it). A node no longer slow forgets its queue once it is empty.
    /// </summary>
    public bool OnHandled(int node, int slot, out long waitedUs)
    {
        waitedUs = 0;
        if (_queues?[node] is not { } slow) return false;
        bool live = slow.Queued.Remove(slot, out waitedUs);
        if (!live) slow.Orphans?.Remove(slot);
        ForgetIfIdle(node);
        return live;
    }

    /// <summary>Drops a node's queue once no slow fault holds it and no message waits in it.</summary>
    private void ForgetIfIdle(int node)
    {
        var slow = _queues![node]!;
        if (slow.Holds.Count == 0 && slow.Queued.Count == 0 && slow.Orphans is not { Count: > 0 }) _queues[node] = null;
    }

    /// <summary>A slow node's message handling: one message at a time, each taking ServiceUs.</summary>
    private sealed class SlowQueue
    {
        public long ServiceUs;
        public long BusyUntilUs;
        public int Capacity;

        /// <summary>Message slots waiting for the running process, each with its handling event pending and how long it waits before its turn begins.</summary>
        public readonly Dictionary<int, long> Queued = new();

        /// <summary>Slots queued for a process that has stopped: their events drop them.</summary>
        public HashSet<int>? Orphans;

        /// <summary>The slow faults in force on the node, in the order they began.</summary>
        public readonly List<(long ServiceUs, int Capacity)> Holds = new();
    }
}
