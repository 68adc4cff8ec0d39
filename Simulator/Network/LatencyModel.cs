namespace GossipSim.Simulator.Network;

/// <summary>One-way delay of a message, in whole microseconds, drawn per message.</summary>
public abstract class LatencyModel
{
    public abstract long SampleUs(int from, int to);

    /// <summary>
    /// The delay at cumulative probability <paramref name="u"/> in [0, 1) (inverse CDF): used by
    /// <see cref="PairFixedLatency"/> to turn a hashed uniform into a fixed per-pair delay without a draw.
    /// </summary>
    public abstract long QuantileUs(double u);

    /// <summary>
    /// A delay no draw (and no quantile) falls below: a run may be split across threads in windows
    /// this long (<see cref="Engine.LaneSplit"/>). 0 when the model has no floor above zero.
    /// </summary>
    public virtual long MinUs => 0;

    /// <summary>The mean delay, for estimates and reports (not for simulation).</summary>
    public abstract double MeanUs { get; }
}
