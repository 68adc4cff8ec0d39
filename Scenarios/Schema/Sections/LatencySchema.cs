namespace GossipSim.Scenarios.Schema.Sections;

/// <summary>Latency distributions; the valid keys depend on `dist`. Every variant takes `pair_fixed` and `jitter`.</summary>
internal static class LatencySchema
{
    public static UnionByKey Create() => Create("{dist: uniform, min: 1ms, max: 10ms}");

    /// <param name="defaultYaml">Used when the key is absent; null keeps it absent (zone links fall back to network.latency).</param>
    /// <param name="doc">What the key means, as the key listing describes it.</param>
    public static UnionByKey Create(string? defaultYaml, string doc = "one-way message latency distribution") => new("dist",
    [
        ("constant", Variant([Required("value", "every message takes exactly this long")])),
        ("uniform", Variant([Required("min", "lower bound"), Required("max", "upper bound")], s => Ordered(s, "min", "max", strict: false))),
        ("normal", Variant([Required("mean", "mean"), Required("sd", "standard deviation"),
            new Field("min", new DurationKey(false, "0") { Doc = "truncation point: samples below min are redrawn (not clamped), so no mass piles up at min" })])),
        ("lognormal", Variant([
            new Field("median", new DurationKey(true) { Doc = "median (> 0)" }, Required: true),
            Required("p99", "99th percentile (> median)")], s => Ordered(s, "median", "p99", strict: true))),
        ("exponential", Variant([Required("min", "shift: no message is faster"), Required("mean", "mean (> min)")], s => Ordered(s, "min", "mean", strict: true))),
        ("pareto", Variant([
            new Field("scale", new DurationKey(true) { Doc = "Pareto scale x_m: the smallest delay (> 0)" }, Required: true),
            new Field("shape", new RealKey(1.0001, 1000) { Doc = "Pareto shape alpha (> 1, so the mean alpha x_m / (alpha - 1) is finite)" }, Required: true)])),
        ("empirical", Variant([
            new Field("file", new LatencyFileKey { Doc = "CSV relative to the scenario file: header latency_ms (or _us, _s) with samples, or latency_ms,cdf with CDF points" }, Required: true)])),
    ])
    {
        DefaultYaml = defaultYaml,
        Doc = doc,
    };

    private static MapKey Variant(Field[] own, Action<RuleScope>? rule = null) => new(
    [
        .. own,
        new Field("pair_fixed", new BoolKey { Doc = "draw one base delay per node pair (hashed from seed and pair, no per-pair memory) instead of one per message" }),
        new Field("jitter", new DurationKey(false) { Doc = "pair_fixed: per-message extra delay, uniform in [0, jitter]" }),
    ])
    {
        Rules =
        [
            s =>
            {
                rule?.Invoke(s);
                if (s.Value("jitter") is not null && s.Value("pair_fixed") is not { Flag: true })
                    s.Error("jitter", "jitter needs pair_fixed: true (without it every message already draws its own delay)");
            },
        ],
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
