namespace GossipSim.Simulator.Observation;

/// <summary>One row of timeseries.csv: the cluster's views and traffic at one sampling time.</summary>
public readonly record struct ViewSample(long TimeUs, double ViewAccuracy, long SuspectedPairs, long DeadPairs, int UpNodes, double BytesPerS)
{
    /// <summary>Requests evaluated since the previous sample, by outcome; null without a request workload.</summary>
    public RequestCounts? Requests { get; init; }
}
