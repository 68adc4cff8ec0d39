namespace GossipSim.Simulator.Faults;

/// <summary>
/// Which nodes a fault hits: the given <see cref="Ids"/>, or <see cref="Count"/> nodes, or
/// <see cref="Fraction"/> of the candidates (rounded to nearest, at least one), drawn from the
/// faults stream among the candidates (for a crash: up nodes) minus <see cref="Exclude"/>.
/// With <see cref="Zone"/> the candidates are only that zone's nodes; a zone alone (no count or
/// fraction) means all of them.
/// YAML: <c>{ids: [3, 7]}</c>, <c>{count: 12}</c>, <c>{fraction: 0.01, exclude: [0]}</c>,
/// <c>{zone: eu}</c>, <c>{fraction: 0.5, zone: eu}</c>.
/// </summary>
public sealed record FaultTargets(IReadOnlyList<int>? Ids = null, int? Count = null, double? Fraction = null, IReadOnlyList<int>? Exclude = null,
    string? Zone = null)
{
    public static FaultTargets InZone(string zone, double? fraction = null) => new(Fraction: fraction, Zone: zone);

    public static FaultTargets Of(params int[] ids) => new(Ids: ids);

    public static FaultTargets Random(int count, params int[] exclude) => new(Count: count, Exclude: exclude);

    public static FaultTargets Share(double fraction, params int[] exclude) => new(Fraction: fraction, Exclude: exclude);
}
