namespace GossipSim.Simulator.Network;

/// <summary>
/// Payloads of one kind for one run's nodes to fill and send, reused once delivered (see
/// <see cref="ReusablePayload"/>): a few hot buffers instead of a fresh kilobytes-long array per
/// message, which the GC would have to clear and collect and the cache would have to hold.
/// First in, first out: messages arrive in about the order they were sent, so the oldest payload
/// is nearly always free; one that is not (a paused receiver's buffer holds it, a duplicate is
/// still on its way) moves to the back and a new payload is made rather than searched for.
/// </summary>
public sealed class PayloadPool<T>(Func<T> create) where T : ReusablePayload
{
    private readonly Queue<T> _payloads = new();

    public int Count => _payloads.Count;

    /// <summary>A payload no message carries; the caller fills it and sends it before renting another.</summary>
    public T Rent()
    {
        T payload;
        if (_payloads.TryDequeue(out var oldest) && !oldest.InFlight) payload = oldest;
        else
        {
            if (oldest is not null) _payloads.Enqueue(oldest);
            payload = create();
        }
        _payloads.Enqueue(payload);
        return payload;
    }
}
