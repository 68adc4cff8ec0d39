using GossipSim.Simulator.Random;

namespace GossipSim.Simulator.Network;

/// <summary>
/// Bursty loss by the Gilbert-Elliott model (Gilbert, Bell Syst. Tech. J. 39, 1960; Elliott, ibid. 42,
/// 1963): each chain is a two-state Markov chain advanced once per packet the link carries (also one
/// the independent loss drops: <see cref="NetworkModel"/> asks the chain about every packet). In state good a packet is
/// lost with <c>lossGood</c>, in bad with <c>lossBad</c>; after each packet good turns bad with p and bad
/// turns good with r. Stationary pi_bad = p / (p + r), mean loss = lossGood pi_good + lossBad pi_bad,
/// mean sojourn in bad = 1/r packets (the burst length when lossBad = 1, lossGood = 0).
/// <para>
/// One chain per directed link (<c>per: link</c>) or per sender (<c>per: sender</c>). A chain's first
/// state is drawn from the stationary distribution, so sparse gossip traffic sees the stationary loss
/// rate. Memory: per sender, one byte per node; per link, a dense byte per directed link up to
/// <see cref="DenseLinkLimit"/> nodes (16 MiB at 4,096; 1.4 MiB at 1,200), above that a dictionary with
/// an entry per link that has carried a message (at 100,000 nodes prefer per sender, O(n)).
/// Draws from its own stream, so enabling it shifts no other draw.
/// </para>
/// </summary>
public sealed class GilbertElliottLoss
{
    public const int DenseLinkLimit = 4096;

    private const byte Unseen = 0, Good = 1, Bad = 2;

    private readonly Xoshiro256StarStar _stream;
    private readonly double _pGoodBad, _pBadGood, _lossGood, _lossBad, _piBad;
    private readonly bool _perSender;
    private readonly int _nodes;
    private readonly byte[]? _dense;
    private readonly Dictionary<long, byte>? _sparse;

    public GilbertElliottLoss(Xoshiro256StarStar stream, int nodes, double pGoodBad, double pBadGood,
        double lossGood, double lossBad, bool perSender)
    {
        _stream = stream;
        (_pGoodBad, _pBadGood, _lossGood, _lossBad) = (pGoodBad, pBadGood, lossGood, lossBad);
        _piBad = pGoodBad + pBadGood > 0 ? pGoodBad / (pGoodBad + pBadGood) : 0;
        _perSender = perSender;
        _nodes = nodes;
        if (perSender) _dense = new byte[nodes];
        else if (nodes <= DenseLinkLimit) _dense = new byte[(long)nodes * nodes];
        else _sparse = new Dictionary<long, byte>();
    }

    /// <summary>Stationary mean loss: lossGood pi_good + lossBad pi_bad.</summary>
    public double MeanLoss => _lossGood * (1 - _piBad) + _lossBad * _piBad;

    /// <summary>Mean number of consecutive packets in the bad state: 1 / r.</summary>
    public double MeanBurstLength => 1 / _pBadGood;

    /// <summary>
    /// Messages the chain dropped, counting also those the independent loss dropped as well (the
    /// chain steps on both), so Lost over the messages offered estimates <see cref="MeanLoss"/>.
    /// </summary>
    public long Lost { get; private set; }

    /// <summary>Advances the chain of this message's link (or sender) once per fragment; true when any fragment is lost.</summary>
    public bool Lose(int from, int to, int fragments = 1)
    {
        long key = _perSender ? from : (long)from * _nodes + to;
        byte state = _dense is not null ? _dense[key] : _sparse!.GetValueOrDefault(key);
        if (state == Unseen) state = _stream.NextDouble() < _piBad ? Bad : Good;
        bool lost = false;
        for (int f = 0; f < fragments; f++)
        {
            double loss = state == Bad ? _lossBad : _lossGood;
            if (loss >= 1 || (loss > 0 && _stream.NextDouble() < loss)) lost = true;
            double flip = state == Bad ? _pBadGood : _pGoodBad;
            if (flip >= 1 || (flip > 0 && _stream.NextDouble() < flip)) state = state == Bad ? Good : Bad;
        }
        if (_dense is not null) _dense[key] = state;
        else _sparse![key] = state;
        if (lost) Lost++;
        return lost;
    }
}
