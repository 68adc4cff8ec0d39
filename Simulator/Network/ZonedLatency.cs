namespace GossipSim.Simulator.Network;

/// <summary>Latency per zone pair: the model of the sender's and receiver's zones (a zones x zones table of models).</summary>
public sealed class ZonedLatency(ZoneMap zones, LatencyModel[] byPair) : LatencyModel
{
    public override long SampleUs(int from, int to) => byPair[zones.PairIndex(from, to)].SampleUs(from, to);

    public override long QuantileUs(double u) => byPair[0].QuantileUs(u);

    public override long MinUs => byPair.Min(model => model.MinUs);

    /// <summary>Mean over ordered zone pairs, weighted equally (an estimate for reports).</summary>
    public override double MeanUs
    {
        get
        {
            double sum = 0;
            foreach (var model in byPair) sum += model.MeanUs;
            return sum / byPair.Length;
        }
    }
}
