using System.Runtime.CompilerServices;
using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Network;

/// <summary>
/// Decides each message's fate: lost, or delivered after a delay. Loss and latency draw from the
/// network stream, so protocol or fault changes never shift which messages are lost. The optional
/// models (zones, bursty loss, duplication, uplink queues, MTU) are off unless set; when off they
/// cost a null or zero check and draw nothing, so scenarios without them keep their exact outputs.
/// Order per message: uplink queue (the sender's NIC), link faults, loss (zone pair or global, per
/// fragment), bursty loss, then latency. The bursty-loss chain steps on every message past the link
/// faults, whether or not the independent loss dropped it, so the two losses stay independent.
/// </summary>
public sealed class NetworkModel
{
    private readonly Xoshiro256StarStar _stream;
    private readonly LatencyModel _latency;
    private readonly double _loss;
    private long _lastDepartUs, _lastExtraUs;

    public NetworkModel(Xoshiro256StarStar stream, LatencyModel latency, double loss)
    {
        _stream = stream;
        _latency = latency;
        _loss = loss;
    }

    public long MessagesLost { get; private set; }

    /// <summary>Messages dropped by link faults (partition, isolation, degraded loss).</summary>
    public long MessagesCut { get; private set; }

    /// <summary>Messages larger than the MTU, sent as several fragments.</summary>
    public long MessagesFragmented { get; private set; }

    /// <summary>Extra copies delivered by duplication.</summary>
    public long MessagesDuplicated { get; private set; }

    /// <summary>Link faults in force; null until the first link fault, so runs without any pay one null check.</summary>
    public LinkFaults? Links { get; private set; }

    public LinkFaults EnableLinkFaults(int nodeCount) => Links ??= new LinkFaults(nodeCount);

    public LatencyModel Latency => _latency;

    /// <summary>Zones of the nodes (YAML network.zones); null without zones.</summary>
    public ZoneMap? Zones { get; init; }

    /// <summary>Loss per ordered zone pair (zones x zones), replacing the global loss; null = global loss everywhere.</summary>
    public double[]? ZoneLoss { get; init; }

    /// <summary>Gilbert-Elliott loss on top of the Bernoulli loss; null = none.</summary>
    public GilbertElliottLoss? BurstLoss { get; init; }

    /// <summary>Per-node uplink bandwidth and send queues; null = unlimited.</summary>
    public UplinkQueues? Uplink { get; init; }

    /// <summary>Bytes one packet carries; 0 = no limit.</summary>
    public int MtuBytes { get; init; }

    /// <summary>Probability that a delivered message arrives twice; the coin comes from <see cref="DuplicateStream"/>.</summary>
    public double DuplicateProbability { get; init; }

    public Xoshiro256StarStar? DuplicateStream { get; init; }

    /// <summary>A message of unknown size (tests): no uplink time, one fragment.</summary>
    public bool TryTransmit(int from, int to, long nowUs, out long arrivalUs) => TryTransmit(from, to, 0, nowUs, out arrivalUs);

    public bool TryTransmit(int from, int to, int sizeBytes, long nowUs, out long arrivalUs)
    {
        arrivalUs = 0;
        long departUs = nowUs;
        if (Uplink is { } uplink && !uplink.TrySend(from, sizeBytes, nowUs, out departUs)) return false;
        int fragments = 1;
        if (MtuBytes > 0 && sizeBytes > MtuBytes)
        {
            fragments = (sizeBytes + MtuBytes - 1) / MtuBytes;
            MessagesFragmented++;
        }
        long extraUs = 0;
        if (Links is { Active: true } links && !links.Pass(from, to, _stream, fragments, out extraUs))
        {
            MessagesCut++;
            return false;
        }
        double loss = ZoneLoss is { } zoneLoss ? zoneLoss[Zones!.PairIndex(from, to)] : _loss;
        bool lostIndependently = LossCoin(loss, fragments);
        // The burst chain is the state of the link, so it steps on every packet the link carries,
        // also one the independent loss has already dropped; skipping those would stretch a burst
        // over more packets than 1/r and couple the two losses that the model keeps independent.
        bool lostInBurst = BurstLoss is { } burst && burst.Lose(from, to, fragments);
        if (lostIndependently) return false;
        if (lostInBurst)
        {
            MessagesLost++;
            return false;
        }
        _lastDepartUs = departUs;
        _lastExtraUs = extraUs;
        arrivalUs = departUs + extraUs + _latency.SampleUs(from, to);
        return true;
    }

    /// <summary>
    /// A TCP message's fate (<see cref="Protocols.INodeContext.SendStream"/>): cut when either
    /// direction between the pair is, else delivered after <paramref name="legs"/> latencies drawn
    /// alternately each way, each leg also delayed by the pair's degraded ends as a datagram is.
    /// Random, bursty, zone and degraded loss, uplink queues, MTU fragments and duplicates do not
    /// apply: the stream hides them behind retransmission and its own framing.
    /// </summary>
    public bool TryStream(int from, int to, int legs, long nowUs, out long arrivalUs)
    {
        arrivalUs = 0;
        long t = nowUs;
        if (StreamCut(from, to))
        {
            MessagesCut++;
            return false;
        }
        if (Links is { Active: true } links) t += legs * links.ExtraDelayUs(from, to);
        for (int leg = 0; leg < legs; leg++) t += leg % 2 == 0 ? _latency.SampleUs(from, to) : _latency.SampleUs(to, from);
        arrivalUs = t;
        return true;
    }

    /// <summary>Whether a TCP stream between the pair is cut now: either direction is (a connection needs both). Reads only.</summary>
    public bool StreamCut(int from, int to) => Links is { Active: true } links && !(links.CanReach(from, to) && links.CanReach(to, from));

    /// <summary>Counts a message that a cut stopped where <see cref="TryStream"/> was not asked (a dial that found the pair cut).</summary>
    public void CountCut() => MessagesCut++;

    /// <summary>True while no optional model is on: a message's fate is then only its loss coin and latency.</summary>
    public bool IsPlain => Uplink is null && MtuBytes == 0 && ZoneLoss is null && BurstLoss is null && DuplicateProbability <= 0 && Links is not { Active: true };

    /// <summary><see cref="TryTransmit(int, int, int, long, out long)"/> while <see cref="IsPlain"/>: the same draws in the same order.</summary>
    public bool TryTransmitPlain(int from, int to, long nowUs, out long arrivalUs)
    {
        arrivalUs = 0;
        if (LossCoin(_loss, 1)) return false;
        arrivalUs = nowUs + _latency.SampleUs(from, to);
        return true;
    }

    /// <summary>Whether a message of <paramref name="fragments"/> is lost at per-fragment loss <paramref name="loss"/> (no draw at 0); counts the loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool LossCoin(double loss, int fragments)
    {
        // A message is kept only if every fragment is: 1 - (1 - p)^k (exactly p for one fragment).
        if (loss > 0 && _stream.NextDouble() < (fragments == 1 ? loss : 1 - Math.Pow(1 - loss, fragments)))
        {
            MessagesLost++;
            return true;
        }
        return false;
    }

    /// <summary>
    /// After a successful <see cref="TryTransmit(int, int, int, long, out long)"/> of from -> to: whether the
    /// network also delivers a copy, and when (same departure, its own latency draw).
    /// </summary>
    public bool TryDuplicate(int from, int to, out long arrivalUs)
    {
        arrivalUs = 0;
        if (DuplicateProbability <= 0 || DuplicateStream!.NextDouble() >= DuplicateProbability) return false;
        MessagesDuplicated++;
        arrivalUs = _lastDepartUs + _lastExtraUs + _latency.SampleUs(from, to);
        return true;
    }
}
