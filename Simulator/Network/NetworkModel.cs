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

    public LatencyModel Latency => _latency;

    public bool TryTransmit(int from, int to, long nowUs, out long arrivalUs)
    {
        if (_loss > 0 && _stream.NextDouble() < _loss)
        {
            MessagesLost++;
            arrivalUs = 0;
            return false;
        }
        arrivalUs = nowUs + _latency.SampleUs(from, to);
        return true;
    }
}
