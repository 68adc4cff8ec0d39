namespace GossipSim.Scenarios.Expectations;

/// <summary>What a runs.csv metric measures; it decides which units a bound on the metric may carry.</summary>
public enum MetricKind
{
    /// <summary>A time, in seconds (<c>_s</c> in its name) or milliseconds (<c>_ms</c>): bounds take s, ms, us.</summary>
    Time,
    /// <summary>Bytes per second (<c>bytes_..._per_node_s</c>): bounds take B/s, KB/s, MB/s.</summary>
    ByteRate,
    /// <summary>A share between 0 and 1 (<c>_fraction</c>, <c>_rate</c>, <c>_accuracy</c>): bounds take %.</summary>
    Fraction,
    /// <summary>Anything else (counts, messages per second, false deaths per node-hour): bounds take no unit.</summary>
    Number,
}
