namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>Latency distributions; the valid keys depend on `dist`.</summary>
internal static class LatencySchema
{
    public static UnionByKey Create() => new("dist",
    [
        ("constant", new MapKey(Required("value", "every message takes exactly this long"))),
        ("uniform", new MapKey(Required("min", "lower bound"), Required("max", "upper bound"))
        {
            Rules = [s => Ordered(s, "min", "max", strict: false)],
        }),
        ("normal", new MapKey(Required("mean", "mean"), Required("sd", "standard deviation"),
            new Field("min", new DurationKey(false, "0") { Doc = "samples below min are clamped to min" }))),
        ("lognormal", new MapKey(
            new Field("median", new DurationKey(true) { Doc = "median (> 0)" }, Required: true),
            Required("p99", "99th percentile (> median)"))
        {
            Rules = [s => Ordered(s, "median", "p99", strict: true)],
        }),
        ("exponential", new MapKey(Required("min", "shift: no message is faster"), Required("mean", "mean (> min)"))
        {
            Rules = [s => Ordered(s, "min", "mean", strict: true)],
        }),
    ])
    {
        DefaultYaml = "{dist: uniform, min: 1ms, max: 10ms}",
        Doc = "one-way message latency distribution",
    };

    private static Field Required(string name, string doc) => new(name, new DurationKey(false) { Doc = doc }, Required: true);

    // Reported on the larger key: that is the one users usually got wrong.
    private static void Ordered(RuleScope s, string low, string high, bool strict)
    {
        if (s.Long(low) is not { } lo || s.Long(high) is not { } hi)
        {
            return;
        }

        if (strict ? hi <= lo : hi < lo)
        {
            s.Error(high, $"{high} ({DurationText.Format(hi)}) must be {(strict ? ">" : ">=")} {low} ({DurationText.Format(lo)})", low);
        }
    }
}
