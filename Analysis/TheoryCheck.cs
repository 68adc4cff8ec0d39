namespace GossipSim.Analysis;

/// <summary>
/// One analytic baseline beside the simulated number it predicts: the metric (a runs.csv
/// column, in its own units), the theory's value in the same units, where the formula comes
/// from, and the simulated statistics across seeds. They disagree when the theory lies outside
/// the simulated mean's 95% CI.
/// </summary>
public sealed record TheoryCheck(string Name, string Metric, string Formula, string Citation, double Theory, SampleStatistics Simulated)
{
    public bool HasCi => !double.IsNaN(Simulated.Ci95Low);

    public bool Agrees => Simulated.CiContains(Theory);

    public string Verdict =>
        !HasCi ? "no CI (fewer than 2 runs)"
        : Agrees ? "agrees (theory inside the 95% CI)"
        : $"DISAGREES: simulated {CellFormat.Real(Math.Round(Simulated.Mean / Theory, 3))}× theory, outside the 95% CI";
}
