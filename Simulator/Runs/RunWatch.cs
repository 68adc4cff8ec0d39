using System.Runtime.CompilerServices;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// What a run checks between batches of events (<see cref="Engine.Simulation.Checkpoint"/>): the
/// user's interrupt, and the process's measured memory against the limit the memory guard
/// planned with. The estimate can be wrong; a run that outgrows it is stopped with a clear error
/// before the kernel kills the whole process, finished runs and all.
/// </summary>
public sealed class RunWatch(CancellationToken cancel, double? memoryLimitBytes)
{
    /// <summary>Events handled by the runs of this watch and of every watch made from it, a checkpoint at a time (shared).</summary>
    private StrongBox<long> _events = new();

    /// <summary>Events the watched runs have handled so far, counted at their checkpoints (so up to a checkpoint's worth short per run).</summary>
    public long EventsHandled => Volatile.Read(ref _events.Value);

    /// <summary>
    /// Memory is read every this many checkpoints (a checkpoint is 4,096 events): reading the
    /// working set costs microseconds, and at a few million events a second this looks several
    /// times a second, long before a run can grow by gigabytes.
    /// </summary>
    private const int CheckpointsPerMemoryRead = 16;

    private int _checkpoints;

    public void Check()
    {
        Interlocked.Add(ref _events.Value, Engine.Simulation.EventsPerCheckpoint);
        cancel.ThrowIfCancellationRequested();
        if (memoryLimitBytes is not double limit || ++_checkpoints % CheckpointsPerMemoryRead != 0) return;
        long used = Environment.WorkingSet;
        if (used > limit) throw new MemoryLimitException(used, limit);
    }

    /// <summary>A new watch per run: the checkpoint count is the run's own, the token, limit and event count the sweep's.</summary>
    public RunWatch ForRun() => new(cancel, memoryLimitBytes) { _events = _events };
}

/// <summary>A run stopped because the process's memory passed the limit.</summary>
public sealed class MemoryLimitException(long usedBytes, double limitBytes) : Exception(
    $"stopped: the process used {RunCost.FormatBytes(usedBytes)}, past the memory limit of {RunCost.FormatBytes(limitBytes)} " +
    "(the estimate was too low for this run); lower nodes, duration or sample_every, run fewer at once with --parallel, or raise --max-memory");
