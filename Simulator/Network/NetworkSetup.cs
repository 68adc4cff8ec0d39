using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Network;

/// <summary>
/// The optional network models of a run, beyond the base latency and loss (YAML <c>network.zones</c>,
/// <c>burst_loss</c>, <c>duplicate</c>, <c>uplink</c>, <c>mtu</c>). <see cref="Plain"/> has none and
/// builds exactly the network of a scenario that names none of them.
/// </summary>
public sealed record NetworkSetup
{
    public static readonly NetworkSetup Plain = new();

    public ZoneMap? Zones { get; init; }

    public IReadOnlyList<ZoneLink> ZoneLinks { get; init; } = [];

    public BurstLossSpec? BurstLoss { get; init; }

    public double Duplicate { get; init; }

    /// <summary>Uplink rate per node; 0 = unlimited.</summary>
    public long UplinkBytesPerS { get; init; }

    /// <summary>Send queue limit; 0 = unbounded.</summary>
    public long UplinkQueueBytes { get; init; }

    public int MtuBytes { get; init; }

    /// <summary>
    /// Builds the run's network. Latency models draw from the network stream; each pair_fixed model
    /// gets its own hash seed (PairLatency stream, by model index: 0 = network.latency, 1.. = zone
    /// links in file order); bursty loss and duplication draw from their own streams.
    /// </summary>
    public NetworkModel Build(LatencySpec latency, double loss, int nodes, RandomStreams streams)
    {
        var stream = streams.For(StreamPurpose.Network);
        ulong PairSeed(int index) => streams.For(StreamPurpose.PairLatency, index).NextUInt64();
        LatencyModel model = latency.Build(stream, latency.PairFixed ? PairSeed(0) : 0);
        double[]? zoneLoss = null;
        if (Zones is { } zones && ZoneLinks.Count > 0)
        {
            int z = zones.Count;
            var byPair = new LatencyModel[z * z];
            Array.Fill(byPair, model);
            for (int i = 0; i < ZoneLinks.Count; i++)
            {
                var link = ZoneLinks[i];
                if (link.Latency is { } spec)
                {
                    var linkModel = spec.Build(stream, spec.PairFixed ? PairSeed(i + 1) : 0);
                    byPair[link.A * z + link.B] = byPair[link.B * z + link.A] = linkModel;
                }
                if (link.Loss is { } linkLoss)
                {
                    if (zoneLoss is null) { zoneLoss = new double[z * z]; Array.Fill(zoneLoss, loss); }
                    zoneLoss[link.A * z + link.B] = zoneLoss[link.B * z + link.A] = linkLoss;
                }
            }
            if (ZoneLinks.Any(l => l.Latency is not null)) model = new ZonedLatency(zones, byPair);
        }
        return new NetworkModel(stream, model, loss)
        {
            Zones = Zones,
            ZoneLoss = zoneLoss,
            BurstLoss = BurstLoss is { } b
                ? new GilbertElliottLoss(streams.For(StreamPurpose.BurstLoss), nodes, b.PGoodBad, b.PBadGood, b.LossGood, b.LossBad, b.PerSender)
                : null,
            DuplicateProbability = Duplicate,
            DuplicateStream = Duplicate > 0 ? streams.For(StreamPurpose.Duplicate) : null,
            Uplink = UplinkBytesPerS > 0 ? new UplinkQueues(nodes, UplinkBytesPerS, UplinkQueueBytes) : null,
            MtuBytes = MtuBytes,
        };
    }
}
