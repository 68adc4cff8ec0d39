using GossipSim.Simulator.Network;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// Events the carrying out of a window made for one lane (deliveries to its nodes, their timers
/// due later), held until the lane's own thread queues them at the start of the next window: a
/// write into the lane's queue from the carrying-out thread would take each of the queue's cache
/// lines from the core that handles the lane, and back again on the next pop.
/// </summary>
internal sealed class IncomingEvents
{
    private SimEvent[] _events = new SimEvent[1024];
    /// <summary>The message of each delivery, by its event's index, without its payload.</summary>
    private Message[] _messages = new Message[1024];
    /// <summary>Payloads apart (<see cref="Message.CopyWithoutPayload"/>).</summary>
    private object?[] _payloads = new object?[1024];
    private int _count;

    /// <summary>The earliest held event's time (long.MaxValue when none is held).</summary>
    public long EarliestUs { get; private set; } = long.MaxValue;

    public void Add(in SimEvent e)
    {
        if (_count == _events.Length)
        {
            Array.Resize(ref _events, _count * 2);
            Array.Resize(ref _messages, _count * 2);
            Array.Resize(ref _payloads, _count * 2);
        }
        _events[_count++] = e;
        if (e.TimeUs < EarliestUs) EarliestUs = e.TimeUs;
    }

    /// <summary>A delivery of <paramref name="message"/>; its event's argument becomes its slot in the lane's store when queued.</summary>
    public void Add(in SimEvent e, in Message message, int from, int to)
    {
        int index = _count;
        Add(e);
        _messages[index].CopyWithoutPayload(message, from, to);
        if (message.Payload is not null) _payloads[index] = message.Payload;
    }

    /// <summary>Queues every held event in the lane, storing each delivery's message, in the order they were made.</summary>
    public void MoveInto(EventQueue queue, MessageStore messages)
    {
        for (int i = 0; i < _count; i++)
        {
            SimEvent e = _events[i];
            if (e.Kind == EventKind.Delivery)
            {
                ref Message message = ref _messages[i];
                if (_payloads[i] is { } payload)
                {
                    message.Payload = payload;
                    _payloads[i] = null;
                }
                e.Arg = messages.Add(message, message.From, message.To);
                message.Payload = null;
            }
            queue.Push(e);
        }
        _count = 0;
        EarliestUs = long.MaxValue;
    }
}
