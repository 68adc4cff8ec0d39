using System.Runtime.ExceptionServices;

namespace GossipSim.Simulator.Engine;

/// <summary>
/// Runs one piece of work per lane at once, round after round: lane 0 on the calling thread, every
/// other lane on a thread of its own that spins between rounds. A round of a split run lasts a
/// window of virtual time, often well under a millisecond of real time, so a thread that slept
/// between rounds would spend longer waking than working.
/// </summary>
internal sealed class LaneThreads : IDisposable
{
    private readonly Action<int> _work;
    private readonly Thread[] _threads;
    private int _round;
    private int _finished;
    private volatile bool _stopping;
    private Exception? _failure;

    /// <param name="lanes">Lanes, the calling thread's included.</param>
    /// <param name="work">The work of one lane in one round, given the lane's index.</param>
    public LaneThreads(int lanes, Action<int> work)
    {
        _work = work;
        _threads = new Thread[lanes - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            int lane = i + 1;
            _threads[i] = new Thread(() => Serve(lane)) { IsBackground = true, Name = $"gossipsim lane {lane}" };
            _threads[i].Start();
        }
    }

    /// <summary>Runs one round: every lane's work, returning when all are done; a lane's exception is thrown here.</summary>
    public void RunRound()
    {
        Volatile.Write(ref _finished, 0);
        Interlocked.Increment(ref _round);
        try
        {
            _work(0);
        }
        finally
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _finished) < _threads.Length) spin.SpinOnce(sleep1Threshold: -1);
        }
        if (Interlocked.Exchange(ref _failure, null) is { } failure) ExceptionDispatchInfo.Throw(failure);
    }

    private void Serve(int lane)
    {
        int seen = 0;
        while (true)
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref _round) == seen && !_stopping) spin.SpinOnce(sleep1Threshold: -1);
            if (_stopping) return;
            seen = Volatile.Read(ref _round);
            try
            {
                _work(lane);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            Interlocked.Increment(ref _finished);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var thread in _threads) thread.Join();
    }
}
