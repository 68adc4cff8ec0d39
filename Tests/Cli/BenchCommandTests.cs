using System.Text.Json;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Cli;

/// <summary>
/// The named bench workloads run through the ordinary scenario path (small sizes here: the figures
/// themselves come from the bench command, never from a timed test).
/// </summary>
public class BenchCommandTests
{
    [Test]
    public void Bench_EveryScenarioWorkload_IsAValidScenario()
    {
        foreach (string name in BenchWorkloads.Names.Where(n => n != BenchWorkloads.Bw1))
            Assert.That(BenchWorkloads.Point(name), Is.Not.Null, name);
    }

    [TestCase("swim-1200", "swim")]
    [TestCase("heartbeat-1200", "heartbeat")]
    [TestCase("rumor-1m", "pushpull")]
    public void Bench_SmallScenarioWorkload_PrintsEventsOfThatProtocol(string workload, string kind)
    {
        Assert.That(BenchWorkloads.Point(workload)!.Text("protocol.kind"), Is.EqualTo(kind));
        var (exit, output, error) = CliRunner.Run("bench", workload, "--nodes", "60", "--duration", "5s");
        Assert.That(exit, Is.EqualTo(0), error);
        Assert.That(output, Does.Match($@"workload={workload} n=60 seed=1 events=[1-9]\d* loop_s="));
    }

    /// <summary>
    /// The million-node SWIM workload crashes one node: shrunk to 60 nodes it still reports the
    /// crash's detection, in the order SWIM finds it (suspected, then declared dead by one, then by
    /// all), each after the crash at 10 s.
    /// </summary>
    [Test]
    public void Bench_Swim1mShrunk_ReportsDetectionOfItsCrash()
    {
        var point = BenchWorkloads.Point("swim-1m")!;
        Assert.That((point.Int("nodes"), point.Text("protocol.kind")), Is.EqualTo((1_000_000, "swim")));
        var (exit, output, error) = CliRunner.Run("bench", "swim-1m", "--nodes", "60", "--json");
        Assert.That(exit, Is.EqualTo(0), error);
        var detection = JsonDocument.Parse(output).RootElement.GetProperty("detection");
        double suspect = detection.GetProperty("detect_first_suspect_s").GetDouble();
        double firstDead = detection.GetProperty("detect_first_s").GetDouble();
        double allDead = detection.GetProperty("detect_all_s").GetDouble();
        Assert.That(suspect, Is.GreaterThan(0).And.LessThanOrEqualTo(firstDead));
        Assert.That(firstDead, Is.LessThanOrEqualTo(allDead).And.LessThan(50), "every observer marks it dead before the run ends");
    }

    /// <summary>
    /// --threads splits bw1 (a rumor-family run) and says so on its line, with the same events and
    /// convergence as on one thread; SWIM cannot be split and its line says it ran on one.
    /// </summary>
    [Test]
    public void Bench_Threads_SplitsWhatCanBeSplitAndSaysHowMany()
    {
        string Result(string line) => System.Text.RegularExpressions.Regex.Match(line, @"events=\d+ converged=\S+ conv_mean_ms=\S+ conv_p99_ms=\S+").Value;
        var (_, one, _) = CliRunner.Run("bench", "bw1", "--nodes", "2000", "--duration", "3s");
        var (exit, two, error) = CliRunner.Run("bench", "bw1", "--nodes", "2000", "--duration", "3s", "--threads", "2");
        Assert.That(exit, Is.EqualTo(0), error);
        Assert.That(two, Does.EndWith("threads=2" + Environment.NewLine));
        Assert.That(one, Does.EndWith("threads=1" + Environment.NewLine));
        Assert.That(Result(two), Is.Not.Empty.And.EqualTo(Result(one)));
        var (_, swim, _) = CliRunner.Run("bench", "swim-1200", "--nodes", "40", "--duration", "3s", "--threads", "2");
        Assert.That(swim, Does.EndWith("threads=1" + Environment.NewLine));
        Assert.That(CliRunner.Run("bench", "bw1", "--threads", "0").ExitCode, Is.EqualTo(2));
        string many = (Environment.ProcessorCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(CliRunner.Run("bench", "bw1", "--nodes", "200", "--duration", "1s", "--threads", many).Error, Does.Contain("more threads than this machine's"));
    }

    /// <summary>A workload without a crash prints no detection columns: nothing was there to detect.</summary>
    [Test]
    public void Bench_NoCrash_PrintsNoDetection()
    {
        var (exit, output, error) = CliRunner.Run("bench", "swim-1200", "--nodes", "40", "--duration", "3s");
        Assert.That(exit, Is.EqualTo(0), error);
        Assert.That(output, Does.Not.Contain("detect_"));
    }

    [Test]
    public void Bench_Json_OneObjectPerRunAndTheMedians()
    {
        var (exit, output, error) = CliRunner.Run("bench", "swim-1200", "--nodes", "40", "--duration", "3s", "--runs", "3", "--json");
        Assert.That(exit, Is.EqualTo(0), error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4));
        var runs = lines.Take(3).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(runs.Select(r => r.GetProperty("seed").GetUInt64()), Is.EqualTo(new ulong[] { 1, 2, 3 }));
        Assert.That(runs.All(r => r.GetProperty("events").GetInt64() > 0 && r.GetProperty("peak_rss_MiB").GetInt64() > 0));
        var summary = JsonDocument.Parse(lines[3]).RootElement;
        Assert.That(summary.GetProperty("runs").GetInt32(), Is.EqualTo(3));
        double median = runs.Select(r => r.GetProperty("loop_s").GetDouble()).Order().ElementAt(1);
        Assert.That(summary.GetProperty("loop_med_s").GetDouble(), Is.EqualTo(median));
    }

    [Test]
    public void Bench_WorkloadTooLargeForMemory_RefusedWithEstimate()
    {
        // swim-100k fits in 20 GB since its views are shared (about 0.6 GB estimated); a limit below that refuses it.
        var (exit, output, error) = CliRunner.Run("bench", "swim-100k", "--max-memory", "200MB");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("100000 nodes needs an estimated").And.Contain("nothing was run"));
        Assert.That(output, Is.Empty);
    }

    [Test]
    public void Bench_UnknownWorkload_ListsWorkloadsAndSuggests()
    {
        var (exit, _, error) = CliRunner.Run("bench", "swim-120");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("unknown workload 'swim-120'").And.Contain("did you mean 'swim-1200'"));
    }
}
