using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>
/// State of one validation pass over one scenario point: the flat table of values it builds,
/// where each explicit value was written, and the error sink.
/// </summary>
internal sealed class Validation(ErrorSink errors, SourceLocation fallback, string scenarioName)
{
    private readonly Dictionary<string, SourceLocation> written = new(StringComparer.Ordinal);

    public ErrorSink Errors { get; } = errors;

    /// <summary>Location used for values that come from schema defaults (the scenario item).</summary>
    public SourceLocation Fallback { get; } = fallback;

    public string ScenarioName { get; } = scenarioName;

    public SortedDictionary<string, SpecValue> Values { get; } = new(StringComparer.Ordinal);

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public void Set(string path, SpecValue value, SourceLocation? at)
    {
        Values[path] = value;
        if (at is { IsNone: false } a)
        {
            written[path] = a;
        }
    }

    /// <summary>Records where a value without its own table entry was written (list items).</summary>
    public void Locate(string path, SourceLocation at)
    {
        if (!at.IsNone)
        {
            written[path] = at;
        }
    }

    public SpecValue? Get(string path) => Values.GetValueOrDefault(path);

    public bool IsWritten(string path) => written.ContainsKey(path);

    public SourceLocation LocationOf(string path) => written.TryGetValue(path, out var at) ? at : Fallback;

    /// <summary>Errors raised in this pass, counted even when the sink already had an identical one.</summary>
    public int ErrorCount { get; private set; }

    public void Error(SourceLocation at, string path, string message)
    {
        ErrorCount++;
        Errors.Add(at, path, message);
    }
}
