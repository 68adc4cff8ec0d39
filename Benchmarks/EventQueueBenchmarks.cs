using BenchmarkDotNet.Attributes;
using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Random;

namespace GossipSim.Benchmarks;

/// <summary>
/// The event queue in steady state, as a gossip run drives it: a queue holding <see cref="Pending"/>
/// events, each pop followed by one push a short random delay later (a message, 1-10 ms) or a
/// round later (a timer, 200 ms). Per operation = one pop plus one push. The timing wheel against
/// the plain 4-ary heap it falls back on, so a change of either is judged by measurement.
/// </summary>
[MemoryDiagnoser]
public class EventQueueBenchmarks
{
    private const int Operations = 100_000;
    private EventQueue _wheel = null!;
    private EventHeap _heap = null!;
    private long[] _delays = null!;
    private long _sequence;

    [Params(1_200, 100_000)]
    public int Pending { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Xoshiro256StarStar(42);
        _delays = new long[Operations];
        for (int i = 0; i < Operations; i++)
            _delays[i] = random.NextDouble() < 0.25 ? 200_000 : random.NextInclusive(1_000, 10_000);
        _wheel = new EventQueue();
        _heap = new EventHeap();
        for (int i = 0; i < Pending; i++)
        {
            var e = Event(random.NextInclusive(0, 199_999));
            _wheel.Push(e);
            _heap.Push(e);
        }
    }

    private SimEvent Event(long timeUs) => new() { TimeUs = timeUs, SequenceAndKind = (++_sequence << 8) | (long)EventKind.Timer, Node = 0, Arg = 0 };

    [Benchmark(OperationsPerInvoke = Operations, Baseline = true)]
    public long TimingWheel()
    {
        long sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            var e = _wheel.Pop();
            sum += e.TimeUs;
            _wheel.Push(Event(e.TimeUs + _delays[i]));
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long Heap()
    {
        long sum = 0;
        for (int i = 0; i < Operations; i++)
        {
            var e = _heap.Pop();
            sum += e.TimeUs;
            _heap.Push(Event(e.TimeUs + _delays[i]));
        }
        return sum;
    }
}
