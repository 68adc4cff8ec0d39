using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using GossipSim.Analysis;
using GossipSim.Scenarios;
using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// <c>gossipsim replay --run-id ID</c>: reruns exactly one run of a scenario file (the worst seed a
/// check names, or a failed run of a sweep) and writes its result files plus trace.csv, every event
/// the loop handled in order, with the membership beliefs nodes reported while handling them
/// (suspected, refuted, marked_dead, marked_alive, removed: node is the observer, arg the
/// subject), so a failure can be studied. The run is the same bytes as in the sweep.
/// </summary>
public static partial class ReplayCommand
{
    [GeneratedRegex(@"^(?<scenario>[a-z0-9_-]+)/p(?<point>\d+)/s(?<seed>\d+)$")]
    private static partial Regex RunIdPattern();

    public static Command Create()
    {
        var file = new Argument<string?>("FILE") { Description = "Scenario file (default ./scenarios.yaml)", Arity = ArgumentArity.ZeroOrOne };
        var runId = new Option<string>("--run-id") { Description = "The run: SCENARIO/pPOINT/sSEED, as in the run_id column", Required = true };
        var set = new Option<string[]>("--set") { Description = "The same --set overrides the sweep was run with (repeatable)" };
        var output = new Option<string?>("--out") { Description = "Output directory (default replay/SCENARIO__pPOINT__sSEED)" };
        var noTiming = new Option<bool>("--no-timing") { Description = "Leave wall-clock columns out, so the row holds byte-identical values to the sweep's (whose runs.csv, from a file of several scenarios, also has the other scenarios' parameter columns)" };
        var command = new Command("replay", "Rerun one run by its run id and write its results and an event trace") { file, runId, set, output, noTiming };
        command.SetAction(result => Cli.Guard(() =>
        {
            string id = result.GetValue(runId)!;
            var match = RunIdPattern().Match(id);
            if (!match.Success) throw new UserError($"--run-id: '{id}' is not SCENARIO/pPOINT/sSEED (e.g. quickstart/p0/s3)");
            string scenario = match.Groups["scenario"].Value;
            int point = int.Parse(match.Groups["point"].Value, CultureInfo.InvariantCulture);
            if (!ulong.TryParse(match.Groups["seed"].Value, CultureInfo.InvariantCulture, out ulong seed)) throw new UserError($"--run-id: seed of '{id}' is out of range");
            var selection = new ScenarioSelection([scenario], []);
            var scenarioSet = ScenarioInput.Load(result.GetValue(file), result.GetValue(set) ?? [], selection);
            var points = ScenarioInput.Select(scenarioSet, selection);
            var spec = points.FirstOrDefault(p => p.PointIndex == point)
                ?? throw new UserError($"--run-id: scenario '{scenario}' has {points.Count} sweep point(s), no point {point}");
            RunCommand.RequireMemory([spec], 1, null);
            var setup = ScenarioCompiler.Compile(spec, seed);
            string outDir = result.GetValue(output) ?? Path.Combine("replay", ResultStore.FolderName(id));
            using var into = OutputDirectory.Open(outDir);
            into.RequireOnly([PlannedRun.Of(setup)], resumingBeside: null, Console.Error);
            var store = into.Store;
            bool timing = !result.GetValue(noTiming);
            // Ctrl-C or SIGTERM stops the run at its next batch of events: the trace being written is
            // removed and nothing is committed, so no cut-short trace or result is left behind.
            using var interrupt = new InterruptSignal();
            RunOutcome outcome;
            try
            {
                outcome = ReplayWithTrace(setup, timing, Path.Combine(outDir, TraceFile), new RunWatch(interrupt.Token, null));
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"interrupted: nothing of {id} was kept in {outDir}");
                return ExitCodes.Interrupted;
            }
            store.Commit(RunRows.Of(outcome), setup.SpecSha256, PartMaker.Current(timing));
            into.BeginAssembly();
            store.Assemble([setup]);
            Manifest.ForRuns(scenarioSet, [setup], RunShard.All, Environment.GetCommandLineArgs().Skip(1)).Write(outDir);
            string declarations = setup.RecordDeclarations ? ", declarations.csv" : "";
            Console.WriteLine($"replayed {id} into {outDir} (runs.csv, events.csv, curves.csv, timeseries.csv{declarations}, {TraceFile})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private const string TraceFile = "trace.csv";

    /// <summary>Runs the setup with every event and membership belief written to the trace, which appears at its path only once whole.</summary>
    private static RunOutcome ReplayWithTrace(RunSetup setup, bool timing, string tracePath, RunWatch watch)
    {
        RunOutcome? outcome = null;
        AtomicFile.Write(tracePath, stream =>
        {
            using var trace = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            trace.WriteLine("time_us,kind,node,arg");
            outcome = RunExecutor.Execute(setup, timing, e => WriteEvent(trace, e), new BeliefTrace(trace), watch: watch);
        });
        return outcome!;
    }

    /// <summary>One line per event: its time, kind, node, and the kind's argument (message slot, timer stamp, driver action).</summary>
    private static void WriteEvent(StreamWriter trace, SimEvent e)
    {
        trace.Write(e.TimeUs.ToString(CultureInfo.InvariantCulture));
        trace.Write(',');
        trace.Write(e.Kind.ToString());
        trace.Write(',');
        trace.Write(e.Node.ToString(CultureInfo.InvariantCulture));
        trace.Write(',');
        trace.WriteLine(e.Arg.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Writes each membership belief as a trace line, and a suspicion that ends in an alive mark as "refuted".</summary>
    private sealed class BeliefTrace(StreamWriter trace) : Observation.IMembershipTracker
    {
        private readonly HashSet<(int Observer, int Subject)> _suspecting = new();

        public void Observe(int observer, long nowUs, Observation.ObservationKind kind, int subject, long value)
        {
            string? name = kind switch
            {
                Observation.ObservationKind.Suspected => "suspected",
                Observation.ObservationKind.MarkedDead => "marked_dead",
                Observation.ObservationKind.MarkedAlive => _suspecting.Contains((observer, subject)) ? "refuted" : "marked_alive",
                Observation.ObservationKind.Removed => "removed",
                _ => null,
            };
            if (name is null) return;
            if (kind == Observation.ObservationKind.Suspected) _suspecting.Add((observer, subject));
            else _suspecting.Remove((observer, subject));
            trace.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{nowUs},{name},{observer},{subject}"));
        }

        public void OnNodeStarted(int node, long nowUs) { }

        public void OnNodeStopped(int node, long nowUs, NodeStatus why) { }
    }
}
