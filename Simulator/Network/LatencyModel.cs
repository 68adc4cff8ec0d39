namespace GossipSim.Simulator.Network;

/// <summary>One-way delay of a message, in whole microseconds, drawn per message.</summary>
public abstract class LatencyModel
{
    public abstract long SampleUs(int from, int to);

    /// <summary>The mean delay, for estimates and reports (not for simulation).</summary>
    public abstract double MeanUs { get; }
}
