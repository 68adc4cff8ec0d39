using GossipSim.Tests.Support;

namespace GossipSim.Tests.Cli;

/// <summary>
/// <c>gossipsim validate</c>: each kind of mistake is reported with file:line:column and the right
/// message, exit 2; every problem of a file is listed, not just the first; nothing throws.
/// </summary>
public class ValidateCommandTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = CliRunner.TempDirectory();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Out, string Error) Validate(string yaml)
    {
        string file = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(file, yaml);
        var (code, output, error) = CliRunner.Run("validate", file);
        // The table's positions are written against the bare file name.
        return (code, output, error.Replace(file, "bad.yaml"));
    }

    [TestCase("scenarios:\n  - name: a\n    protocol: {fanout: [\n", "bad.yaml:4:1: malformed YAML", TestName = "{m}(malformed yaml)")]
    [TestCase("scenarios:\n\t- name: a\n", "bad.yaml:2:1: malformed YAML: While scanning a mapping, found invalid tab as indentation", TestName = "{m}(tab indentation)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: [1, 2\n    - 3\n", "bad.yaml:3:13: malformed YAML: the structure breaks off here", TestName = "{m}(unclosed flow list, then a block item)")]
    [TestCase("scenarios:\n  - name: a\n    protocol: *nowhere\n", "bad.yaml:3:15: malformed YAML: alias '*nowhere' refers to no anchor", TestName = "{m}(undefined anchor)")]
    [TestCase("", "bad.yaml:1:1: scenarios: the file is empty (or not a regular file); it needs a 'scenarios:' list", TestName = "{m}(empty file)")]
    [TestCase("- name: a\n", "bad.yaml:1:1: expected a map with 'defaults' and 'scenarios', got a list", TestName = "{m}(top level list)")]
    [TestCase("scenarioz:\n  - name: a\n", "bad.yaml:1:1: scenarioz: unknown top-level key 'scenarioz'; did you mean 'scenarios'?", TestName = "{m}(unknown top key)")]
    [TestCase("defaults: {nodes: 10}\n", "bad.yaml:1:1: scenarios: missing 'scenarios:' list", TestName = "{m}(missing scenarios)")]
    [TestCase("scenarios: []\n", "bad.yaml:1:1: scenarios: the scenarios list is empty", TestName = "{m}(empty scenarios)")]
    [TestCase("scenarios:\n  - a\n", "bad.yaml:2:5: scenarios[0]: expected a scenario map (name: ...), got 'a'", TestName = "{m}(scenario not a map)")]
    [TestCase("scenarios:\n  - nodes: 10\n", "bad.yaml:2:5: name: missing required key 'name'", TestName = "{m}(missing name)")]
    [TestCase("scenarios:\n  - name: Big Name\n", "bad.yaml:2:11: name: 'Big Name' is not valid: use 1 to 100 lower-case letters, digits, '-' and '_'", TestName = "{m}(bad name)")]
    [TestCase("scenarios:\n  - name: a\n  - name: a\n", "bad.yaml:3:11: name: duplicate scenario name 'a' (first used at line 2)", TestName = "{m}(duplicate name)")]
    [TestCase("scenarios:\n  - name: a\n    protocol: {fanuot: 3}\n", "bad.yaml:3:16: protocol.fanuot: unknown key 'fanuot' in protocol; did you mean 'fanout'?", TestName = "{m}(unknown key)")]
    [TestCase("scenarios:\n  - name: a\n    protocol: {fanout: -1}\n", "bad.yaml:3:24: protocol.fanout: must be >= 1, got -1", TestName = "{m}(negative fanout)")]
    [TestCase("scenarios:\n  - name: a\n    protocol: {fanout: many}\n", "bad.yaml:3:24: protocol.fanout: expected a whole number, got 'many'", TestName = "{m}(fanout not int)")]
    [TestCase("scenarios:\n  - name: a\n    network: {loss: 1.5}\n", "bad.yaml:3:21: network.loss: must be in [0, 1], got 1.5", TestName = "{m}(loss out of range)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 10\n    protocol: {fanout: 10}\n", "bad.yaml:4:24: protocol.fanout: fanout (10) must be < nodes (10) in scenario 'a'", TestName = "{m}(fanout >= nodes)")]
    [TestCase("scenarios:\n  - name: a\n    duration: 10\n", "bad.yaml:3:15: duration: '10' has no unit; write 10ms or 10s (units: us, ms, s, m, h)", TestName = "{m}(duration no unit)")]
    [TestCase("scenarios:\n  - name: a\n    duration: 10 parsecs\n", "bad.yaml:3:15: duration: expected a duration like 200ms or 1.5s (whole microseconds), got '10 parsecs'", TestName = "{m}(bad duration unit)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 1\n", "bad.yaml:3:12: nodes: must be >= 2, got 1", TestName = "{m}(nodes too small)")]
    [TestCase("scenarios:\n  - name: a\n    protocol: {kind: telepathy}\n", "bad.yaml:3:22: protocol.kind: unknown kind 'telepathy'; expected one of push, pull, pushpull", TestName = "{m}(unknown protocol kind)")]
    [TestCase("scenarios:\n  - name: a\n    network: {latency: {dist: gaussian, mean: 1ms}}\n", "bad.yaml:3:31: network.latency.dist: unknown dist 'gaussian'; expected one of constant, uniform, normal, lognormal, exponential", TestName = "{m}(unknown latency dist)")]
    [TestCase("scenarios:\n  - name: a\n    network: {latency: {dist: uniform, min: 10ms, max: 1ms}}\n", "bad.yaml:3:56: network.latency.max: max (1ms) must be >= min (10ms)", TestName = "{m}(uniform max < min)")]
    [TestCase("scenarios:\n  - name: a\n    duration: 5s\n    updates: {at: [10s]}\n", "bad.yaml:4:20: updates.at[0]: update at 10s is not before the end of the run (5s)", TestName = "{m}(update after end)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 10\n    updates: {every: 1s, from: 10}\n", "bad.yaml:4:32: updates.from: node id 10 does not exist: must be < nodes (10) in scenario 'a'", TestName = "{m}(update origin out of range)")]
    [TestCase("scenarios:\n  - name: a\n    tags: ci\n", "bad.yaml:3:11: tags: expected a list of string, got 'ci'", TestName = "{m}(tags not list)")]
    [TestCase("scenarios:\n  - name: a\n    seeds: 0\n", "bad.yaml:3:12: seeds: must be >= 1, got 0", TestName = "{m}(seeds zero)")]
    [TestCase("scenarios:\n  - name: a\n    sweep: {grid: {protocol.fanuot: [1, 2]}}\n", "bad.yaml:3:20: protocol.fanuot: unknown key 'fanuot' in protocol; did you mean 'fanout'?", TestName = "{m}(sweep unknown key)")]
    [TestCase("scenarios:\n  - name: a\n    sweep: {grid: {protocol.fanout: []}}\n", "bad.yaml:3:37: sweep.grid.protocol.fanout: needs at least one value", TestName = "{m}(sweep empty values)")]
    [TestCase("scenarios:\n  - name: a\n    sweep: {grid: {protocol.fanout: [1, 2, 1]}}\n", "bad.yaml:3:44: sweep.grid.protocol.fanout: value '1' is listed twice (also at 3:38); each value makes one sweep point", TestName = "{m}(sweep value twice)")]
    [TestCase("scenarios:\n  - name: a\n    sweep: {zip: {nodes: [10, 20], protocol.fanout: [1]}}\n", "bad.yaml:3:36: sweep.zip.protocol.fanout: zip lists must have equal lengths: 'nodes' has 2 values, 'protocol.fanout' has 1", TestName = "{m}(zip unequal lengths)")]
    [TestCase("scenarios:\n  - name: a\n    sweep: {grid: {protocol.fanout: [1, 0]}}\n", "bad.yaml:3:41: protocol.fanout: must be >= 1, got 0", TestName = "{m}(sweep bad value)")]
    [TestCase("defaults: {name: x}\nscenarios:\n  - name: a\n", "bad.yaml:1:12: defaults.name: 'name' belongs to a scenario, not to defaults", TestName = "{m}(defaults has name)")]
    [TestCase("scenarios:\n  - name: a\n    sweep: {grid: {protocol.fanout: {from: 1, to: 3, step: 0}}}\n", "bad.yaml:3:60: sweep.grid.protocol.fanout.step: step must be > 0 and of the same kind as from", TestName = "{m}(range step zero)")]
    [TestCase("scenarios:\n  - name: a\n    protocol: {preset: cassandra, transport: tpc}\n", "bad.yaml:3:46: protocol.transport: 'tpc' is not one of udp, tcp; did you mean 'tcp'?", TestName = "{m}(heartbeat transport unknown)")]
    public void BadFile_ProblemWithPositionAndMessage_Exit2(string yaml, string expected)
    {
        var (code, _, error) = Validate(yaml);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error.Split('\n')[0], Does.StartWith(expected));
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
    }

    /// <summary>
    /// Problems found after the schema's own checks (a seed range, a bound on a metric the runs do
    /// not write) and values a preset brought in are reported like every other: at the user's
    /// file:line:column with the key, then the count.
    /// </summary>
    [TestCase("scenarios:\n  - name: a\n    nodes: 50\n    seed: 18446744073709551615\n    seeds: 3\n",
        "bad.yaml:5:12: seeds: 3 seeds from 18446744073709551615 would pass the largest seed, 18446744073709551615; use a smaller first seed",
        TestName = "{m}(seed range past the largest seed)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 50\n    expect:\n      - nosuch_metric.max <= 3\n",
        "bad.yaml:5:9: expect[0]: the runs of scenario 'a' have no metric 'nosuch_metric'", TestName = "{m}(bound on a metric the runs lack)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 50\n    baseline: {nosuch_metric: 10%}\n",
        "bad.yaml:4:31: baseline.nosuch_metric: the runs of scenario 'a' have no metric 'nosuch_metric'", TestName = "{m}(baseline metric the runs lack)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 2\n    protocol: {preset: cassandra}\n",
        "bad.yaml:4:16: protocol.seeds[2] (from preset 'cassandra'): node id 2 does not exist: must be < nodes (2) in scenario 'a'",
        TestName = "{m}(preset value that names no node)")]
    public void ProblemAfterSchemaOrFromPreset_AtTheUsersLine_Exit2(string yaml, string expected)
    {
        var (code, _, error) = Validate(yaml);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo(expected + "\nbad.yaml: 1 problem\n"));
    }

    /// <summary>
    /// Problems of the file alone that the run would refuse (or, for seeds listed twice, hang on)
    /// are found by validate too, at the user's line and column with the key.
    /// </summary>
    [TestCase("scenarios:\n  - name: a\n    nodes: 50\n    protocol: {kind: swim}\n    network: {sizes: {ping: {header: 10, item: 0}}}\n",
        "bad.yaml:5:22: network.sizes: swim uses memberlist's own message sizes (docs/references.md §1); network.sizes applies to push, pull, pushpull and heartbeat",
        TestName = "{m}(message sizes under swim)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 50\n    protocol: {kind: akka}\n    network: {sizes: {push: {header: 10, item: 0}}}\n",
        "bad.yaml:5:22: network.sizes: akka uses Akka's own message sizes (docs/references.md §3); network.sizes applies to push, pull, pushpull and heartbeat",
        TestName = "{m}(message sizes under akka)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 50\n    protocol: {kind: heartbeat}\n    network: {sizes: {ack_2: {header: 10, item: 0}}}\n",
        "bad.yaml:5:30: network.sizes.ack_2: no message type 'ack_2' in protocol heartbeat; types: push, syn, ack, ack2, echo_req, echo_rsp; did you mean 'ack2'?",
        TestName = "{m}(message type the protocol lacks)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 50000\n    protocol: {kind: heartbeat}\n    ring: {vnodes: 1}\n",
        "bad.yaml:3:12: nodes: a scenario with a ring may have at most 46,340 nodes, not 50,000: the ring view tracker keeps one int per node pair in one array; lower nodes",
        TestName = "{m}(ring past the tracker's array)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 50\n    protocol: {kind: heartbeat, seeds: [1, 1]}\n",
        "bad.yaml:4:44: protocol.seeds[1]: node 1 is listed twice (also protocol.seeds[0]); list each seed once",
        TestName = "{m}(seed listed twice)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 50\n    baseline: {t100.s_mean: 10%}\n",
        "bad.yaml:4:16: baseline.t100.s_mean: 't100.s_mean' is not valid: use a runs.csv metric column such as t99_s_mean (lower-case letters, digits and '_', no dots)",
        TestName = "{m}(baseline metric with a dot)")]
    [TestCase("scenarios:\n  - name: a\n    nodes: 10\n    sweep: {grid: {seeds: [500000, 600000]}}\n",
        "bad.yaml:4:20: sweep.seeds: the swept seeds make 1,100,000 runs in scenario 'a' (2 sweep points); the limit is 1,000,000",
        TestName = "{m}(swept seeds past the run limit)")]
    public void ProblemTheRunWouldRefuse_AtTheUsersLine_Exit2(string yaml, string expected)
    {
        var (code, _, error) = Validate(yaml);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo(expected + "\nbad.yaml: 1 problem\n"));
    }

    /// <summary>
    /// A sweep's points share their bounds: a metric no point writes is one problem at its bound,
    /// listed in file order with the baseline above the bounds, however many points there are. A
    /// swept value that changes the columns is named only where the metric is missing for it alone.
    /// </summary>
    [Test]
    public void UnknownMetricsUnderASweep_EachOnceInFileOrder()
    {
        var (code, _, error) = Validate("""
            scenarios:
              - name: g
                nodes: 20
                faults: [{at: 1s, crash: {count: 1}}]
                baseline: {nosuch_b: 10%}
                expect:
                  - other_nosuch.max <= 2
                  - t100_s_mean.max <= 1s
                  - fp_per_node_hour == 0
                sweep: {grid: {protocol.kind: [push, heartbeat], protocol.fanout: [1, 2]}}

            """);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo("""
            bad.yaml:5:26: baseline.nosuch_b: the runs of scenario 'g' have no metric 'nosuch_b'
            bad.yaml:7:9: expect[0]: the runs of scenario 'g' have no metric 'other_nosuch'
            bad.yaml:9:9: expect[2]: the runs of scenario 'g' with protocol.kind=push have no metric 'fp_per_node_hour'
            bad.yaml: 3 problems

            """));
    }

    [Test]
    public void FileWithThreeMistakes_AllThreeListed()
    {
        var (code, _, error) = Validate("scenarios:\n  - name: a\n    nodes: 1\n  - name: b\n    protocol: {fanuot: 3}\n    duration: 10\n");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("bad.yaml:3:12: nodes:"));
        Assert.That(error, Does.Contain("bad.yaml:5:16: protocol.fanuot:"));
        Assert.That(error, Does.Contain("bad.yaml:6:15: duration:"));
        Assert.That(error, Does.Contain("3 problems"));
    }

    [Test]
    public void ValidFile_Exit0WithCounts()
    {
        var (code, output, _) = Validate("defaults: {seeds: 2}\nscenarios:\n  - name: a\n    sweep: {grid: {protocol.fanout: [1, 2, 3]}}\n  - name: b\n");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("ok: 2 scenarios, 4 sweep points, 8 runs"));
    }

    [Test]
    public void ShippedScenarioFile_Valid()
    {
        var (code, _, error) = CliRunner.Run("validate", Path.Combine(RepositoryRoot.Path, "scenarios.yaml"));
        Assert.That(code, Is.Zero, error);
    }

    [Test]
    public void MangledFiles_NeverThrow_ExitOkOrBadInput()
    {
        // Deterministic mangling of a valid file: drop, duplicate or swap characters at many places.
        const string valid = "defaults:\n  nodes: 50\n  protocol: {kind: push, fanout: 2, interval: 200ms}\nscenarios:\n  - name: a\n    tags: [ci]\n    sweep: {grid: {protocol.fanout: [1, 2]}}\n    expect: [\"t100_s_mean.mean <= 3s\"]\n";
        for (int i = 0; i < valid.Length; i += 3)
        {
            foreach (string mangled in new[] { valid.Remove(i, 1), valid.Insert(i, valid[i].ToString()), valid.Insert(i, ":"), valid.Insert(i, "[") })
            {
                var (code, _, error) = Validate(mangled);
                Assert.That(code, Is.EqualTo(0).Or.EqualTo(2), $"at {i}: {error}");
                Assert.That(error, Does.Not.Contain("internal error"), $"at {i}");
            }
        }
    }

    private const string UnknownMetricYaml = """
        defaults: {nodes: 40, duration: 10s, protocol: {preset: memberlist-lan}}
        scenarios:
          - name: a
            faults: [{at: 2s, crash: {count: 1}}]
            expect:
              - detect_al_s.max <= 10s
              - fp_per_node_hour == 0
        """;

    [Test]
    public void Validate_ExpectNamesAMetricTheRunsLack_Exit2WithTheNearestMetric()
    {
        var (code, _, error) = Validate(UnknownMetricYaml);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no metric 'detect_al_s'; did you mean 'detect_all_s'?").And.Not.Contain("fp_per_node_hour"));
    }

    [Test]
    public void Check_ExpectNamesAMetricTheRunsLack_RefusedBeforeAnythingRuns()
    {
        string file = Path.Combine(_dir, "bad.yaml");
        File.WriteAllText(file, UnknownMetricYaml);
        string output = Path.Combine(_dir, "out");
        var (code, _, error) = CliRunner.Run("check", file, "--out", output);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("bad.yaml:6:9: expect[0]: the runs of scenario 'a' have no metric 'detect_al_s'").And.Contain("nothing was run"));
            Assert.That(Directory.Exists(output), Is.False, "no run was made");
        });
    }
}
