using System.Diagnostics;
using GossipSim.Analysis;
using GossipSim.Simulator.Protocols.Rumor;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Support;
using GossipSim.Tests.Sweeps;

namespace GossipSim.Tests.Cli;

/// <summary>
/// Ctrl-C and runaway runs: a run looks for a cancellation and for the memory limit between
/// batches of events, so neither waits for the run's end (or for the kernel).
/// </summary>
public class InterruptTests
{
    /// <summary>One run of many hours and three of a second: with two workers the short ones finish while the long one runs.</summary>
    private const string Yaml = """
        defaults:
          nodes: 2000
          protocol: {kind: pushpull, fanout: 2, interval: 200ms}
          updates: {every: 1s}
          expect: [t100_s_mean.mean <= 10s]
        scenarios:
          - name: long
            duration: 100000s
          - name: short
            nodes: 30
            duration: 2s
            seeds: 3
        """;

    private static string BuiltCli => Path.Combine(RepositoryRoot.Path, "Simulator", "bin", "Release", "net10.0", "gossipsim.dll");

    /// <summary>
    /// SIGINT is Ctrl-C; SIGTERM is what a CI timeout, a batch scheduler or a container stop sends,
    /// and is written up the same way (a manifest, the finished runs) rather than ending the process.
    /// </summary>
    [TestCase("run", "INT", "rerun with --resume to finish")]
    [TestCase("check", "INT", "nothing was checked; run check again")]
    [TestCase("run", "TERM", "rerun with --resume to finish")]
    public void Signal_DuringALongRun_StopsWithinASecondKeepingFinishedRuns(string command, string signal, string hint)
    {
        Assume.That(File.Exists(BuiltCli), $"needs the built CLI at {BuiltCli} (dotnet build -c Release)");
        Assume.That(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "sends the signal with kill");
        using var sweep = new SmallSweep(Yaml);
        string output = sweep.Out("r");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] args = command == "run"
            ? [BuiltCli, "run", sweep.File, "--out", output, "--parallel", "2", "--quiet", "--no-timing"]
            : [BuiltCli, "check", sweep.File, "--out", output, "--parallel", "2"];
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        try
        {
            string parts = Path.Combine(output, "parts");
            var waited = Stopwatch.StartNew();
            while (Finished(parts) < 3 && !child.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(20);
            Assert.That(child.HasExited, Is.False, "the long run was still going");
            Thread.Sleep(500); // the long run is well inside its loop

            var stopping = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", [$"-{signal}", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!) kill.WaitForExit();
            bool exited = child.WaitForExit(10_000);
            Assert.That(exited, Is.True, $"exited after SIG{signal}");
            Assert.That(stopping.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "stopped within a second or so (process exit included)");
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
        string error = stderr.Result;
        Assert.That(child.ExitCode, Is.EqualTo(130), error);
        Assert.That(error, Does.Contain("interrupted: 3 of 4 runs kept").And.Contain(hint));
        if (command == "check") Assert.That(error, Does.Not.Contain("--resume"), "check has no --resume to suggest");
        Assert.That(CsvTable.Read(Path.Combine(output, "runs.csv")).Select(r => r.Get("scenario")), Is.EqualTo(new[] { "short", "short", "short" }),
            "the finished runs are kept and the cut-short one is not committed");
        Assert.That(Directory.Exists(Path.Combine(output, "parts", "long__p0__s1")), Is.False);
        Assert.That(File.Exists(Path.Combine(output, "manifest.json")), Is.True, "the interrupted directory is written up");
    }

    [Test]
    public void Run_OfAMillionHoursWithUpdatesEverySecond_StartsAtOnceAndStopsWhenCancelled()
    {
        // Periodic updates are queued one at a time: queued up front, 3.6e9 of them would take
        // minutes and tens of GB before the first event.
        var setup = RumorRuns.Rounds(10, Direction.PushPull, seed: 1, durationUs: 3_600_000_000_000_000)
            with { Updates = new UpdatePlan(null, EveryUs: 1_000_000, StartUs: 0, Origin: null) };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        Assert.Throws<OperationCanceledException>(() => RunExecutor.Execute(setup, timing: false, watch: new RunWatch(cancel.Token, null)));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void Run_PastTheMemoryLimit_StoppedWithAClearError()
    {
        var setup = RumorRuns.Rounds(50, Direction.PushPull, seed: 1, durationUs: 600_000_000);
        // Any process uses more than a kilobyte: the first memory reading stops the run.
        var e = Assert.Throws<MemoryLimitException>(() => RunExecutor.Execute(setup, timing: false, watch: new RunWatch(CancellationToken.None, 1e3)));
        Assert.That(e!.Message, Does.Contain("past the memory limit of 1 KB").And.Contain("--max-memory"));
    }

    /// <summary>
    /// The events a sweep's runs have handled, which its progress line shows while a long run goes:
    /// counted a checkpoint at a time, so short of the run's own count by less than a checkpoint
    /// per run, whichever watch made from the sweep's each run had, and on split runs too.
    /// </summary>
    [TestCase(1)]
    [TestCase(2)]
    public void Watch_CountsTheEventsItsRunsHandled(int threads)
    {
        var sweep = new RunWatch(CancellationToken.None, null);
        var runs = new[] { Bw1Workload.Setup(300, 20_000_000, 1), Bw1Workload.Setup(300, 30_000_000, 2) };
        long events = runs.Sum(setup => RunExecutor.Execute(setup, timing: false, watch: sweep.ForRun(), threads: threads).EventsProcessed);

        Assert.That(sweep.EventsHandled % GossipSim.Simulator.Engine.Simulation.EventsPerCheckpoint, Is.Zero);
        Assert.That(sweep.EventsHandled, Is.InRange(events - 2 * GossipSim.Simulator.Engine.Simulation.EventsPerCheckpoint + 1, events));
    }

    [Test]
    public void ProgressLine_ShowsTheEventsSoFar()
    {
        var error = new StringWriter();
        var line = new GossipSim.Simulator.Cli.ProgressLine(error);
        line.Show(new SweepProgress(1, 0, 0, 0, TimeSpan.FromSeconds(12.3), 45_200_000));
        line.Finish();
        Assert.That(error.ToString(), Does.Contain("runs 0/1 done (0 resumed), 0 failed, 45.2M events, 12.3s elapsed"));
    }

    private static int Finished(string parts) =>
        Directory.Exists(parts) ? Directory.GetDirectories(parts).Count(d => !Path.GetFileName(d).StartsWith(".tmp-")) : 0;
}
