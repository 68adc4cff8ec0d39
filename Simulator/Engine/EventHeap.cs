using System.Runtime.CompilerServices;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// A 4-ary min-heap of <see cref="SimEvent"/> keyed by (time, sequence). Four children per node
/// halve the depth of a binary heap and keep siblings in one cache line, which is what the
/// pop-heavy simulation loop spends its time on. Sift operations move a hole instead of swapping.
/// </summary>
public sealed class EventHeap
{
    private SimEvent[] _heap;
    private int _count;

    public EventHeap(int capacity = 1024) => _heap = new SimEvent[Math.Max(4, capacity)];

    public int Count => _count;

    public void Push(in SimEvent e)
    {
        if (_count == _heap.Length) Array.Resize(ref _heap, _heap.Length * 2);
        var heap = _heap;
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            if (!Before(e, heap[parent])) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = e;
    }

    public ref readonly SimEvent Peek() => ref _heap[0];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Before(in SimEvent a, in SimEvent b) =>
        a.TimeUs < b.TimeUs || (a.TimeUs == b.TimeUs && a.SequenceAndKind < b.SequenceAndKind);

    public SimEvent Pop()
    {
        var heap = _heap;
        SimEvent top = heap[0];
        int n = --_count;
        if (n > 0)
        {
            SimEvent last = heap[n];
            int i = 0;
            while (true)
            {
                int first = (i << 2) + 1;
                if (first >= n) break;
                int best = first;
                int end = Math.Min(first + 4, n);
                for (int c = first + 1; c < end; c++)
                    if (Before(heap[c], heap[best])) best = c;
                if (!Before(heap[best], last)) break;
                heap[i] = heap[best];
                i = best;
            }
            heap[i] = last;
        }
        return top;
    }

    public void Clear() => _count = 0;
}
