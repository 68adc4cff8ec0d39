namespace GossipSim.Analysis;

/// <summary>
/// The protocol settings a report needs to put theory beside simulation, which the result
/// files do not carry unless they were swept: protocol kind (push, pull, pushpull, heartbeat,
/// swim), mode (anti-entropy or rumor), fanout and gossip interval (for swim: gossip nodes and
/// gossip interval), SWIM probe interval, phi threshold, message loss. Any field may be unknown; a baseline that needs it is left out.
/// </summary>
public sealed record ScenarioSettings
{
    public string? Kind { get; init; }
    public string? Mode { get; init; }
    public int? Fanout { get; init; }
    public double? IntervalS { get; init; }
    public double? ProbeIntervalS { get; init; }
    public double? PhiThreshold { get; init; }

    /// <summary>network.loss: the probability a message is dropped, for the theory curves.</summary>
    public double? Loss { get; init; }

    /// <summary>When the scenario's faults start and, for lasting ones, end, so time plots can mark them.</summary>
    public IReadOnlyList<FaultWindow> Faults { get; init; } = [];

    public static readonly ScenarioSettings Unknown = new();

    /// <summary>
    /// These settings with a point's swept parameters laid over them, matched by the last
    /// segment of the parameter path (param.protocol.fanout -> fanout), so a fanout sweep
    /// gets each point's own fanout.
    /// </summary>
    public ScenarioSettings At(RunPoint point)
    {
        var settings = this;
        foreach (var (column, value) in point.Parameters)
        {
            string name = RunPoint.ShortName(column);
            bool isNumber = ParameterValue.TryParseNumber(value, out double number);
            settings = name switch
            {
                "kind" => settings with { Kind = value },
                "mode" => settings with { Mode = value },
                "fanout" or "gossip_nodes" when isNumber => settings with { Fanout = (int)number },
                "loss" when isNumber => settings with { Loss = number },
                "interval" or "gossip_interval" when isNumber => settings with { IntervalS = number },
                "probe_interval" when isNumber => settings with { ProbeIntervalS = number },
                "threshold" or "phi_threshold" when isNumber => settings with { PhiThreshold = number },
                _ => settings,
            };
        }
        return settings;
    }

    /// <summary>Rumor mongering stops spreading; the epidemic bounds are for anti-entropy, the default mode.</summary>
    public bool IsAntiEntropy => Mode is null or "anti-entropy" or "antientropy";
}
