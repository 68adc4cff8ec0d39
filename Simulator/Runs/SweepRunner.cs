using System.Collections.Concurrent;
using System.Diagnostics;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// Runs a plan: whole runs in parallel, each on one thread (or split across <see cref="Threads"/>), each committed to the store as
/// soon as it finishes. A run that throws is recorded as failed and the sweep goes on; a
/// cancellation stops the runs under way (they look between batches of events), keeps every
/// finished one, and commits none that was cut short.
/// </summary>
public sealed class SweepRunner
{
    private readonly ResultStore _store;
    private readonly bool _timing;

    public SweepRunner(ResultStore store, bool timing)
    {
        _store = store;
        _timing = timing;
        Maker = PartMaker.Current(timing);
    }

    /// <summary>How this runner's parts are made: a resumed sweep keeps only parts made alike.</summary>
    public PartMaker Maker { get; }

    public List<RunOutcome> Outcomes { get; } = new();

    /// <summary>Threads each run is split across where it can be (<see cref="RunExecutor.Split"/>).</summary>
    public int Threads { get; init; } = 1;

    /// <param name="runs">The plan's runs, in plan order.</param>
    /// <param name="parallel">How many runs go at once.</param>
    /// <param name="resume">Skip runs whose part is committed from the same spec and intact.</param>
    /// <param name="onProgress">Told after every finished run.</param>
    /// <param name="cancel">Stops the runs under way at their next batch of events and starts no more.</param>
    /// <param name="memoryLimitBytes">Stop a run (recorded as failed) once the process passes this; null for no limit.</param>
    public SweepProgress Run(IReadOnlyList<RunSetup> runs, int parallel, bool resume,
        Action<SweepProgress>? onProgress, CancellationToken cancel, double? memoryLimitBytes = null)
    {
        var watch = new RunWatch(cancel, memoryLimitBytes);
        var clock = Stopwatch.StartNew();
        int done = 0, failed = 0, skipped = 0;
        var todo = new List<RunSetup>();
        foreach (var run in runs)
        {
            if (resume && _store.Inspect(run.RunId, run.SpecSha256, Maker).State == PartState.Valid) skipped++;
            else todo.Add(run);
        }
        var gate = new object();
        bool over = false;
        SweepProgress Snapshot() => new(runs.Count, done, failed, skipped, clock.Elapsed, watch.EventsHandled);
        onProgress?.Invoke(Snapshot());
        // Told every second as well, so that a long run shows that it is going (its events so far), not only when one ends.
        using var ticker = onProgress is null ? null : new Timer(_ =>
        {
            lock (gate)
                if (!over) onProgress(Snapshot());
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel), CancellationToken = cancel };
            // Largest first, one run at a time per worker (no chunks): default chunking can hand the
            // heavy end of a sweep to one worker while the others sit idle.
            // Completion order does not matter: the store assembles results in plan order.
            var largestFirst = todo.OrderByDescending(r => r.EstimatedEvents).ToList();
            Parallel.ForEach(Partitioner.Create(largestFirst, EnumerablePartitionerOptions.NoBuffering), options, run =>
            {
                RunPart part;
                RunOutcome? outcome = null;
                try
                {
                    outcome = RunExecutor.Execute(run, _timing, watch: watch.ForRun(), threads: Threads);
                    part = RunRows.Of(outcome);
                }
                catch (Exception error) when (error is not (OutOfMemoryException or OperationCanceledException))
                {
                    part = RunRows.Failed(run, error);
                }
                _store.Commit(part, run.SpecSha256, Maker);
                lock (gate)
                {
                    if (outcome is null) failed++;
                    else
                    {
                        done++;
                        Outcomes.Add(outcome);
                    }
                    onProgress?.Invoke(Snapshot());
                }
            });
        }
        catch (Exception e) when (cancel.IsCancellationRequested && (e is OperationCanceledException
            || (e is AggregateException a && a.InnerExceptions.All(i => i is OperationCanceledException))))
        {
            // Finished runs are committed already; the caller reports the interruption.
        }
        finally
        {
            // A tick already under way must not draw after the caller has finished the line.
            lock (gate) over = true;
        }
        return Snapshot();
    }
}
