using System.CommandLine;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// <c>gossipsim init [FILE] [--protocol P]</c>: writes a small, commented scenario file that
/// validates and runs as it stands, so a new user starts from three questions about one protocol
/// rather than from the shipped suite. It never overwrites a file.
/// </summary>
public static class InitCommand
{
    /// <summary>The protocols a starter file can be written for, with the protocol line each uses.</summary>
    public static readonly IReadOnlyDictionary<string, StarterProtocol> Protocols = new Dictionary<string, StarterProtocol>(StringComparer.Ordinal)
    {
        ["memberlist-lan"] = StarterProtocol.Membership("{preset: memberlist-lan}", "hashicorp/memberlist's LAN defaults (SWIM with Lifeguard)",
            "protocol.probe_interval: [1s, 1500ms, 2s]", "a slower, cheaper probe"),
        ["cassandra"] = StarterProtocol.Membership("{preset: cassandra}", "Cassandra's gossip: heartbeats, digest exchange, phi accrual detector",
            "protocol.detector.threshold: [8, 10, 12]", "a higher phi threshold"),
        ["pushpull"] = StarterProtocol.Dissemination("{kind: pushpull, mode: anti-entropy, fanout: 3, interval: 200ms}", "push-pull anti-entropy (Demers et al.)"),
        ["push"] = StarterProtocol.Dissemination("{kind: push, mode: anti-entropy, fanout: 3, interval: 200ms}", "push anti-entropy (Demers et al.)"),
        ["pull"] = StarterProtocol.Dissemination("{kind: pull, mode: anti-entropy, fanout: 3, interval: 200ms}", "pull anti-entropy (Demers et al.)"),
    };

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "File to write (default ./scenarios.yaml); never overwritten", DefaultValueFactory = _ => ScenarioInput.DefaultFile };
        var protocol = new Option<string>("--protocol") { Description = "Protocol the scenarios use", DefaultValueFactory = _ => "memberlist-lan" };
        protocol.AcceptOnlyFromAmong([.. Protocols.Keys]);
        var command = new Command("init", "Write a commented starter scenario file that validates and runs") { file, protocol };
        command.SetAction(result => Cli.Guard(() =>
        {
            string path = result.GetValue(file)!;
            string name = result.GetValue(protocol)!;
            string text = Protocols[name].FileText(name);
            try
            {
                // CreateNew: an existing file, whoever wrote it, is left exactly as it was.
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                writer.Write(text);
            }
            catch (IOException) when (File.Exists(path) || Directory.Exists(path))
            {
                throw new UserError($"{path} already exists; init never overwrites a file (name another: gossipsim init my-scenarios.yaml)");
            }
            catch (DirectoryNotFoundException)
            {
                throw new UserError($"{path}: its folder {Path.GetDirectoryName(Path.GetFullPath(path))} does not exist; create it, or name a file in an existing folder");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"{path}: cannot be written ({e.Message}); name a file in a folder you can write");
            }

            Console.WriteLine($"wrote {path} ({name}). Next:");
            Console.WriteLine($"  gossipsim validate {path}");
            Console.WriteLine($"  gossipsim run {path} --out results");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

/// <summary>What a starter file says about one protocol: its protocol line and its questions.</summary>
public sealed record StarterProtocol(string ProtocolYaml, string Describes, string DefaultsTail, string Questions)
{
    public static StarterProtocol Membership(string protocolYaml, string describes, string sweep, string what) => new(protocolYaml, describes, "", $$$"""
          # 1. A quiet cluster: what does membership cost each node, and is a healthy node ever
          #    declared dead? (bytes_per_node_s, fp_per_node_hour in runs.csv)
          - name: steady

          # 2. One crash at 20 s: when does the first live node, and when does the last, mark it
          #    dead? (detect_first_s, detect_all_s). The bound makes `gossipsim check` fail a
          #    build when detection regresses.
          - name: crash
            faults: [{at: 20s, crash: {count: 1, exclude: [0, 1, 2]}}]
            expect:
              - detect_all_s.max <= 30s

          # 3. What does {{{what}}} save, and what does it cost in detection time? One sweep point per value;
          #    compare two points with `gossipsim compare`.
          - name: crash-sweep
            faults: [{at: 20s, crash: {count: 1, exclude: [0, 1, 2]}}]
            sweep:
              grid:
                {{{sweep}}}
        """);

    public static StarterProtocol Dissemination(string protocolYaml, string describes) => new(protocolYaml, describes, "\n  updates: {every: 1s}        # a write made every second, whose spread is measured", """
          # 1. How fast does a write made every second reach every node, and at what cost?
          #    (t50_s, t99_s, t100_s, bytes_per_node_s in runs.csv). The bound makes
          #    `gossipsim check` fail a build when spreading slows down.
          - name: steady
            expect:
              - t100_s_mean.max <= 2s

          # 2. The same under 5% message loss.
          - name: lossy
            network: {loss: 0.05}

          # 3. Which fanout? One sweep point per value; compare two with `gossipsim compare`.
          - name: fanout-sweep
            sweep:
              grid:
                protocol.fanout: [1, 2, 3, 4]
        """);

    public string FileText(string name) => $$$"""
        # GossipSim scenarios, written by `gossipsim init --protocol {{{name}}}`.
        # Protocol: {{{Describes}}}.
        # Every key and its default: docs/scenario-keys.md. Check the file: gossipsim validate FILE
        # Run it: gossipsim run FILE --out results   (then open results/report.html)

        # Settings every scenario below starts from; a scenario overrides any of them.
        defaults:
          nodes: 200                  # cluster size
          duration: 60s               # virtual time of one run
          seeds: 3                    # independent runs per scenario (or sweep point)
          seed: 1                     # first seed: same file, same seed, same bytes
          network:
            latency: {dist: uniform, min: 1ms, max: 10ms}   # one-way delay of each message
            loss: 0.01                # chance that a datagram is lost
          protocol: {{{ProtocolYaml}}}{{{DefaultsTail}}}

        scenarios:
        {{{Questions}}}

        """;
}
