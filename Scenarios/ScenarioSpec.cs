using GossipSim.Scenarios.Model;
using GossipSim.Scenarios.Schema;

namespace GossipSim.Scenarios;

/// <summary>
/// One validated, fully defaulted run configuration (a scenario, or one point of its sweep).
/// Values are read by dotted path; every path the schema defines and the file (or a default)
/// fills is present.
/// </summary>
public sealed class ScenarioSpec
{
    private readonly IReadOnlyDictionary<string, SpecValue> values;
    private readonly string canonicalYaml;
    private readonly Func<string, SourceLocation> locate;

    internal ScenarioSpec(int pointIndex, IReadOnlyList<KeyValuePair<string, string>> parameters,
        IReadOnlyDictionary<string, SpecValue> values, string canonicalYaml, Func<string, SourceLocation> locate)
    {
        this.values = values;
        this.canonicalYaml = canonicalYaml;
        this.locate = locate;
        PointIndex = pointIndex;
        Parameters = parameters;
        Name = Text("name");
        Tags = Get("tags").Items!.Select(i => i.Text).ToArray();
        Expectations = Get("expect").Items!.Select(i => i.Text).ToArray();
        Seed = ULong("seed");
        Seeds = Int("seeds");
        Nodes = Int("nodes");
    }

    public string Name { get; }

    /// <summary>0-based position in the scenario's sweep; depends only on the sweep text.</summary>
    public int PointIndex { get; }

    public IReadOnlyList<string> Tags { get; }

    /// <summary>The <c>expect:</c> expressions, already checked by ExpectationParser.</summary>
    public IReadOnlyList<string> Expectations { get; }

    /// <summary>Swept (path, canonical value) pairs: grid keys in file order, then zip keys.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    public ulong Seed { get; }

    public int Seeds { get; }

    public int Nodes { get; }

    /// <summary>
    /// Run length, same as DurationUs("duration"). A method, not a property: C# does not allow
    /// a property and the DurationUs(path) method to share a name.
    /// </summary>
    public long DurationUs() => DurationUs("duration");

    public bool Has(string path) => values.ContainsKey(path);

    public int Int(string path) => checked((int)Expect(path, ValueKind.Int).Integer);

    public long Long(string path) => Expect(path, ValueKind.Int).Integer;

    public ulong ULong(string path)
    {
        var v = Get(path);
        return v.Kind switch
        {
            ValueKind.ULong => v.Unsigned,
            ValueKind.Int when v.Integer >= 0 => (ulong)v.Integer,
            _ => throw Mismatch(path, v, "an unsigned int"),
        };
    }

    public double Real(string path)
    {
        var v = Get(path);
        return v.Kind switch
        {
            ValueKind.Real => v.Real,
            ValueKind.Int => v.Integer,
            _ => throw Mismatch(path, v, "a number"),
        };
    }

    public bool Bool(string path) => Expect(path, ValueKind.Bool).Flag;

    public string Text(string path) => Expect(path, ValueKind.Text).Text;

    public long DurationUs(string path) => Expect(path, ValueKind.Duration).Integer;

    /// <summary>A key that takes a duration or <c>off</c>: the duration, or null for off.</summary>
    public long? DurationOrOffUs(string path) => Get(path) is { Kind: ValueKind.Text, Text: DurationOrOffKey.Off } ? null : DurationUs(path);

    public IReadOnlyList<int> IntList(string path)
    {
        var v = Expect(path, ValueKind.List);
        return v.Items!.All(i => i.Kind == ValueKind.Int)
            ? v.Items!.Select(i => checked((int)i.Integer)).ToArray()
            : throw Mismatch(path, v, "a list of ints");
    }

    public IReadOnlyList<ulong> ULongList(string path)
    {
        var v = Expect(path, ValueKind.List);
        return v.Items!.All(i => i.Kind == ValueKind.ULong)
            ? v.Items!.Select(i => i.Unsigned).ToArray()
            : throw Mismatch(path, v, "a list of unsigned ints");
    }

    public IReadOnlyList<long> DurationListUs(string path)
    {
        var v = Expect(path, ValueKind.List);
        return v.Items!.All(i => i.Kind == ValueKind.Duration)
            ? v.Items!.Select(i => i.Integer).ToArray()
            : throw Mismatch(path, v, "a list of durations");
    }

    public IReadOnlyList<string> TextList(string path)
    {
        var v = Expect(path, ValueKind.List);
        return v.Items!.All(i => i.Kind == ValueKind.Text)
            ? v.Items!.Select(i => i.Text).ToArray()
            : throw Mismatch(path, v, "a list of strings");
    }

    /// <summary>Items of a list value (e.g. the faults of the timeline).</summary>
    public int Count(string path) => Expect(path, ValueKind.List).Items!.Count;

    /// <summary>Child keys of a map value, sorted ordinally (e.g. the message types of network.sizes).</summary>
    public IReadOnlyList<string> Keys(string path)
    {
        if (path.Length > 0)
        {
            Expect(path, ValueKind.Map);
        }

        var prefix = path.Length == 0 ? "" : path + ".";
        return values.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.Length > prefix.Length)
            .Select(k => k[prefix.Length..].Split('.')[0])
            .Where(k => !k.Contains('['))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// An error about the value at <paramref name="path"/> (<c>expect[0]</c>, <c>baseline.t99_s_mean</c>),
    /// placed where it was written, or at the scenario when a default gave it. Some checks can only
    /// be made once the spec is built (whether a run writes the metric a bound names); their errors
    /// still name the user's file, line and column, as the loader's do.
    /// </summary>
    public SpecError ErrorAt(string path, string message) => locate(path).Error(path, message);

    /// <summary>The fully merged and defaulted spec as stable YAML (sorted keys); it loads back unchanged.</summary>
    public string CanonicalYaml() => canonicalYaml;

    /// <summary>
    /// The canonical YAML without the top-level keys that pick, count or judge runs but do not
    /// change what one run computes: <c>seed</c> and <c>seeds</c> (each run is given its own seed),
    /// <c>tags</c> and <c>expect</c>; then, as comment lines, the SHA-256 of every file the spec
    /// reads (a latency CSV), whose path alone would let an edited file pass for the same runs.
    /// Equal text means equal runs for equal seeds.
    /// </summary>
    public string RunDefinitionYaml() =>
        string.Concat(canonicalYaml.Split('\n').Where(line => line.Length > 0 && !RunNeutralKeys.Any(k => line.StartsWith(k, StringComparison.Ordinal)))
            .Select(line => line + "\n"))
        + string.Concat(values.Where(v => v.Key.EndsWith(InputFileHashSuffix, StringComparison.Ordinal)).OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => $"# {v.Key}: {v.Value.Text}\n"));

    /// <summary>The suffix of the path at which a key that names an input file records the file's SHA-256.</summary>
    internal const string InputFileHashSuffix = ".sha256";

    // Top-level keys sit at column 0 of the canonical text, and their values (scalars, flow lists) on the same line.
    private static readonly string[] RunNeutralKeys = ["seed: ", "seeds: ", "tags: ", "expect: "];

    public override string ToString() =>
        Parameters.Count == 0 ? Name : $"{Name}[{PointIndex}] " + string.Join(" ", Parameters.Select(p => $"{p.Key}={p.Value}"));

    private SpecValue Get(string path) =>
        values.TryGetValue(path, out var v) ? v : throw new KeyNotFoundException($"scenario '{values["name"].Text}' has no value at '{path}'");

    private SpecValue Expect(string path, ValueKind kind)
    {
        var v = Get(path);
        return v.Kind == kind ? v : throw Mismatch(path, v, new SpecValue(kind).KindName);
    }

    private static InvalidCastException Mismatch(string path, SpecValue v, string wanted) =>
        new($"'{path}' is {v.KindName}, not {wanted}");
}
