using System.Security.Cryptography;
using System.Text;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Perf;

/// <summary>
/// Pins the exact bytes of short runs of every protocol family, so that an optimisation of the
/// engine, the protocols or the trackers that moves a single number is caught: it must leave
/// runs.csv, events.csv, timeseries.csv and curves.csv byte-identical. If a change is meant to alter results,
/// it is not an optimisation: say so in its commit and re-pin here.
/// </summary>
public class OutputFingerprintTests
{
    /// <summary>One short scenario per protocol family and detector, with faults so that the
    /// suspicion, death, refutation, join and partition paths all run.</summary>
    public const string Yaml = """
        defaults:
          nodes: 150
          duration: 40s
          seeds: 2
          sample_every: 5s
          network: {latency: {dist: uniform, min: 1ms, max: 10ms}, loss: 0.01}
          protocol: {kind: pushpull, mode: anti-entropy, fanout: 3, interval: 200ms}
          updates: {every: 1s}
        scenarios:
          - name: pushpull-ae
          - name: push-rumor
            protocol: {kind: push, mode: rumor, stop: {counter: 2}, feedback: true}
          - name: pull-ae
            protocol: {kind: pull}
          - name: cassandra-crash
            protocol: {preset: cassandra}
            updates: none
            faults: [{at: 10s, crash: {count: 3, exclude: [0, 1, 2]}}, {at: 15s, pause: {count: 2}, for: 6s}, {at: 20s, crash: {count: 2, exclude: [0, 1, 2]}, for: 8s}]
          - name: heartbeat-timeout-partition
            protocol: {kind: heartbeat, interval: 1s, exchange: push, fanout: 3, detector: {kind: timeout, fail: 5s, cleanup: 10s}}
            updates: none
            heal_at: 30s
            faults: [{at: 10s, partition: {fraction: 0.1, exclude: [0, 1, 2]}, until: 30s}]
          - name: swim-crash-pause
            protocol: {preset: memberlist-lan}
            initial_nodes: 145
            updates: none
            faults: [{at: 5s, join: {count: 5}}, {at: 10s, crash: {count: 3, exclude: [0, 1, 2]}}, {at: 15s, pause: {count: 2}, for: 6s}, {at: 20s, crash: {count: 2, exclude: [0, 1, 2]}, for: 8s}]
          - name: swim-partition
            protocol: {preset: memberlist-lan, lifeguard: {lha: false}}
            updates: none
            heal_at: 30s
            faults: [{at: 10s, partition: {fraction: 0.1, exclude: [0, 1, 2]}, until: 30s}]
          - name: akka-join-crash-restart
            protocol: {preset: akka}
            initial_nodes: 145
            updates: none
            faults: [{at: 5s, join: {count: 5}}, {at: 10s, crash: {count: 3, exclude: [0, 1, 2]}}, {at: 15s, leave: {count: 1, exclude: [0, 1, 2]}}, {at: 20s, crash: {count: 2, exclude: [0, 1, 2]}, for: 8s}]
        """;

    /// <remarks>
    /// The swim rows depend on the order SWIM draws in: a keyed permutation per probe pass, random
    /// members drawn as ids, push-pull merging rows in id order. That order is part of the results,
    /// so changing it is a change of results and needs a re-pin, not an optimisation.
    /// What the pinned bytes include: every datagram carries its IP and UDP headers, heartbeat
    /// gossip and memberlist push-pull their TCP/IP headers, memberlist packets their CRC only where
    /// memberlist adds it and LZW compression where it pays, and every message type has its byte
    /// column (0 when unsent). A memberlist packet's size is a function of its shape alone (a
    /// representative sequence number of its encoded width), never of the packet that happened to
    /// be sized first in the process. The cassandra preset carries Cassandra's detector guards (the
    /// local pause guard, ECHO before marking a member up, whether dead, new or restarted: each
    /// node echoes every member it learns at the cold start) and opens a member's arrival window
    /// at its first state, as Gossiper.applyStateLocally does, runs with pauses report fp_by_paused_observer, swim takes memberlist's TCP
    /// paths (a failed probe also pings over TCP; push-pull goes over TCP, beyond random loss), and a
    /// swim node waking from a pause runs its expired timers before the messages that waited, as
    /// Go's scheduler does. A TCP fallback ping and its ack cost what memberlist sends for them: a
    /// compressed stream message on a connection of their own. events.csv says which events the
    /// end of the run cut off (censored) and runs.csv counts the censored updates, crashes and
    /// membership events. A swim joiner (or restarted node) waits memberlist's stagger and then a whole scaled period before its first periodic push-pull. The membership rows carry no application update (those protocols keep
    /// none), and the byte and message means are per node up, so the rows with crashes and joins report what a live node sends. A crash
    /// draws its targets among up and paused nodes alike, so the crash at 20 s, while two nodes
    /// are paused, picks from both. Runs whose faults bring crashed nodes back count the late
    /// verdicts on the stopped processes apart from false deaths (late_death_marks). A TCP dial
    /// that cannot connect (a crashed or cut-off target) writes no message and costs its SYNs only,
    /// and a swim joiner takes its seeds in turn; Cassandra's ECHO and shutdown announcement, and
    /// under the cassandra preset its gossip exchange too, go over the internode TCP connection,
    /// beyond random loss; the plain heartbeat kind gossips in datagrams. A swim node's periodic
    /// push-pull starts its next period only once its exchange has ended, as memberlist's timer
    /// loop does. The akka run joins through the seeds (InitJoin, Join, Welcome, Joining to Up by the
    /// leader); its joiners and restarts are new incarnations, each placed on the heartbeat ring by
    /// its id and incarnation, and a restart's Join downs the old incarnation; its leave waits
    /// for convergence, which the unreachable crashed members hold back past the run's end.
    /// </remarks>
    private static readonly Dictionary<string, string> Pinned = new()
    {
        ["runs.csv"] = "c6bd39aa20bc18a0b26c79ffed02f66bcc7d9ff133ff65f5d2e1880e0578d29a",
        ["events.csv"] = "2864d05eb199fb55129d1511d6851f21cbb10bcda2174ad163aaa91c31d0c527",
        ["timeseries.csv"] = "084d4d0302892bcd70d4a5394cbc1453263d1dbe10bd1163cdc4805b2e41abc4",
        ["curves.csv"] = "7d0754f6eb600487b246bc6a57f8fa2f672929f6a17bdfb693e6b0510eeb9e8f",
    };

    /// <remarks>With --threads the rumor-family runs are split across threads (the others cannot be, and run on one): the same bytes.</remarks>
    [TestCase(1)]
    [TestCase(3)]
    public void ShortRunsOfEveryFamily_Bytes_MatchThePinnedFingerprint(int threads)
    {
        using var sweep = new GossipSim.Tests.Sweeps.SmallSweep(Yaml);
        string output = sweep.Run("out", "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var actual = Pinned.Keys.ToDictionary(f => f, f => Sha256(File.ReadAllBytes(Path.Combine(output, f))));
        foreach (var (file, hash) in Pinned)
            Assert.That(actual[file], Is.EqualTo(hash), $"{file} changed: {string.Join(", ", actual.Select(a => $"{a.Key}={a.Value}"))}");
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Bw1_Seed1_EventsAndConvergence_MatchThePinnedValues(int threads)
    {
        var outcome = RunExecutor.Execute(Bw1Workload.Setup(300, 20_000_000, 1), timing: false, threads: threads);
        Assert.That(outcome.Threads, Is.EqualTo(threads));
        string text = $"{outcome.EventsProcessed} {string.Join(",", outcome.Events.Select(e => e.T100Us))}";
        Assert.That(Sha256(Encoding.UTF8.GetBytes(text)), Is.EqualTo("eca1b113d06c23c78cd7e235cda1f053cbd49d79c924dcec9441756860e24653"), text);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
