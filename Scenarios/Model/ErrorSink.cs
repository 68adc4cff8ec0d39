namespace GossipSim.Scenarios.Model;

/// <summary>
/// Collects every error instead of stopping at the first. Defaults are validated once per
/// scenario and sweep point, so identical errors are kept only once.
/// </summary>
internal sealed class ErrorSink
{
    private readonly List<SpecError> errors = [];
    private readonly HashSet<SpecError> seen = [];

    public int Count => errors.Count;

    public IReadOnlyList<SpecError> Errors => errors;

    public void Add(SpecError error)
    {
        if (seen.Add(error))
        {
            errors.Add(error);
        }
    }

    public void Add(SourceLocation at, string key, string message) => Add(at.Error(key, message));

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new ScenarioException(SpecError.InFileOrder(errors));
        }
    }
}
