namespace GossipSim.Simulator.Engine;

/// <summary>
/// The message-handling queues of slow nodes (a CPU-starved or swapping process:
/// <see cref="Simulation.SlowNode"/>): each slow node handles arriving messages one at a time, in
/// arrival order, each taking its service time, with at most a queue's capacity waiting.
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
        if (queue.Queued == 0) _queues[node] = null;
    }

    /// <summary>Forgets a node's queue (its process stops).</summary>
    public void Clear(int node)
    {
        if (_queues is not null) _queues[node] = null;
    }

    /// <summary>Whether the node has a handling queue, slow or still draining one.</summary>
    public bool HasQueue(int node) => _queues is not null && _queues[node] is not null;

    /// <summary>
    /// An arriving message joins the node's queue: true with the time its turn ends, when it is
    /// handled; false when the queue is full and the message is dropped.
    /// </summary>
    public bool TryQueue(int node, long nowUs, out long handledAtUs)
    {
        var slow = _queues![node]!;
        if (slow.Queued >= slow.Capacity)
        {
            Drops++;
            handledAtUs = 0;
            return false;
        }
        slow.Queued++;
        slow.BusyUntilUs = Math.Max(nowUs, slow.BusyUntilUs) + slow.ServiceUs;
        handledAtUs = slow.BusyUntilUs;
        return true;
    }

    /// <summary>A queued message's turn has ended: a node no longer slow forgets its queue once it is empty.</summary>
    public void OnHandled(int node)
    {
        if (_queues![node] is { } slow && --slow.Queued == 0 && slow.ServiceUs == 0) _queues[node] = null;
    }

    /// <summary>A slow node's message handling: one message at a time, each taking ServiceUs.</summary>
    private sealed class SlowQueue
    {
        public long ServiceUs;
        public long BusyUntilUs;
        public int Queued;
        public int Capacity;

        /// <summary>The slow faults in force on the node, in the order they began.</summary>
        public readonly List<(long ServiceUs, int Capacity)> Holds = new();
    }
}
