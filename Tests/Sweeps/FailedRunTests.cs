using GossipSim.Analysis;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Runs;
using GossipSim.Simulator.Protocols.Rumor;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Sweeps;

/// <summary>A run that throws is recorded as failed with its seed and error, and the sweep goes on.</summary>
public class FailedRunTests
{
    /// <summary>A protocol whose node factory throws for one seed's run: stands in for a bug that only one seed hits.</summary>
    private sealed class ThrowingProtocol(IProtocolSetup inner) : IProtocolSetup
    {
        public IReadOnlyList<string> MessageTypes => inner.MessageTypes;

        public long RoundUs => inner.RoundUs;

        public ProtocolNode CreateNode(INodeContext context) => throw new InvalidOperationException("node factory broke");
    }

    [Test]
    public void SweepWithOneThrowingRun_OthersFinish_FailureRecordedWithSeedAndError()
    {
        string dir = CliRunner.TempDirectory();
        try
        {
            var runs = new[] { 1UL, 2UL, 3UL }.Select(seed => RumorRuns.Rounds(30, Direction.PushPull, seed, durationUs: 1_000_000)).ToList();
            runs[1] = runs[1] with { Protocol = new ThrowingProtocol(runs[1].Protocol) };
            var store = new ResultStore(dir);
            var progress = new SweepRunner(store, timing: false).Run(runs, parallel: 2, resume: false, null, CancellationToken.None);
            store.Assemble(runs.Select(r => r.RunId).ToList());

            Assert.That((progress.Done, progress.Failed), Is.EqualTo((2, 1)));
            var rows = CsvTable.Read(Path.Combine(dir, "runs.csv"));
            var failed = rows.Single(r => r.Get("status") == "failed");
            Assert.That(failed.Get("seed"), Is.EqualTo("2"));
            Assert.That(failed.Get("run_id"), Is.EqualTo("theory/p0/s2"));
            Assert.That(failed.Get("error"), Does.Contain("node factory broke"));
            Assert.That(rows.Count(r => r.Get("status") == "ok"), Is.EqualTo(2));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
