namespace GossipSim.Scenarios;

/// <summary>
/// The only exception the public API throws. It carries every error found, so a user can fix
/// a file in one pass instead of one error per run.
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(IReadOnlyList<SpecError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<SpecError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<SpecError> errors) =>
        errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} scenario errors:{Environment.NewLine}" + string.Join(Environment.NewLine, errors);
}
