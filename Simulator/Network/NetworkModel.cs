using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Network;

/// <summary>
/// Decides each message's fate: lost, or delivered after a delay. Draws only from the network
/// stream, so protocol or fault changes never shift which messages are lost.
/// </summary>
public sealed class NetworkModel
{
    private readonly Xoshiro256StarStar _stream;
    private readonly LatencyModel _latency;
    private readonly double _loss;

    public NetworkModel(Xoshiro256StarStar stream, LatencyModel latency, double loss)
    {
        _stream = stream;
        _latency = latency;
        _loss = loss;
    }

    public long MessagesLost { get; private set; }

    /// <summary>Messages dropped by link faults (partition, isolation, degraded loss).</summary>
    public long MessagesCut { get; private set; }

    /// <summary>Link faults in force; null until the first link fault, so runs without any pay one null check.</summary>
    public LinkFaults? Links { get; private set; }

    public LinkFaults EnableLinkFaults(int nodeCount) => Links ??= new LinkFaults(nodeCount);

    public LatencyModel Latency => _latency;

    public bool TryTransmit(int from, int to, long nowUs, out long arrivalUs)
    {
        long extraUs = 0;
        if (Links is { Active: true } links && !links.Pass(from, to, _stream, out extraUs))
        {
            MessagesCut++;
            arrivalUs = 0;
            return false;
        }
        if (_loss > 0 && _stream.NextDouble() < _loss)
        {
            MessagesLost++;
            arrivalUs = 0;
            return false;
        }
        arrivalUs = nowUs + extraUs + _latency.SampleUs(from, to);
        return true;
    }
}
