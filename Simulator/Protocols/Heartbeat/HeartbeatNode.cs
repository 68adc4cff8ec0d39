using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Ring;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// Full-membership heartbeat gossip (van Renesse, Minsky, Hayden 1998; Cassandra's Gossiper and
/// FailureDetector, references.md §2; Akka's phi detector, §3). Each round the node bumps its own
/// heartbeat, gossips, then judges every member it holds once (Cassandra checks once per round).
/// Seeds are contacted as Cassandra does; with no seeds, a node also contacts one random address
/// per round while it has not heard of every id in [0, n) (it knows the address list, not who is up).
/// A member is heard from when a newer (generation, heartbeat) arrives: a higher generation is a
/// new incarnation (fresh arrival history); a higher heartbeat in the same generation is one
/// inter-arrival sample. Emissions: MarkedAlive on first learning or recovery, Suspected when
/// phi crosses threshold/2 (timeout: silence T_fail/2), MarkedDead on conviction, Removed after
/// T_cleanup (timeout detector only; Cassandra keeps dead states for days).
/// </summary>
public sealed class HeartbeatNode : ProtocolNode, IRingCarrier
{
    private const int RoundTimer = 0;
    /// <summary>Member's TOKENS not held.</summary>
    private const int NoTokens = -1;
    /// <summary>STATUS LEFT: the member left the ring (its tokens are gone).</summary>
    private const int LeftStatus = -2;
    /// <summary>STATUS "LEFT,&lt;token&gt;,&lt;expire&gt;" as a versioned value: about 40 B [derived: text of 5 + 20 + 13 digits, key and version].</summary>
    private const int LeftStatusBytes = 40;

    private readonly HeartbeatConfig _config;
    // What this node holds of each member, one array per field (struct of arrays): a SYN scan reads
    // only generation, heartbeat and belief, so it streams 17 bytes a member instead of an 80-byte
    // record; at 1,200 nodes the members of all nodes (~115 MB as records) do not fit in cache, and
    // the scans were bound by memory traffic.
    private readonly long[] _generation;
    private readonly long[] _heartbeats;
    /// <summary>When the member's heartbeat last increased here (the detector's tLast).</summary>
    private readonly long[] _lastArrivalUs;
    private readonly ArrivalWindow[] _window;
    /// <summary>TOKENS held: a token-set id, <see cref="NoTokens"/> or <see cref="LeftStatus"/>.</summary>
    private readonly int[] _tokens;
    private readonly long[] _tokensVersion;
    /// <summary>Index in the live list (alive, suspect) or the unreachable list (dead).</summary>
    private readonly int[] _slot;
    private readonly MemberBelief[] _belief;
    /// <summary>Members believed alive or suspect, densely packed for uniform draws; Member.LiveSlot points back.</summary>
    private readonly int[] _live;
    private int _liveCount;
    /// <summary>Members believed dead (not removed): Cassandra's unreachable set.</summary>
    private readonly int[] _unreachable;
    private int _unreachableCount;
    private readonly int[] _targets;
    private readonly List<HeartbeatDigest> _requests = new();
    private readonly List<HeartbeatEntry> _states = new();
    private long _heartbeat;
    /// <summary>Members ever heard of, self included.</summary>
    private int _knownCount;
    private RingRegistry? _ring;

    public HeartbeatNode(INodeContext context, HeartbeatConfig config) : base(context)
    {
        _config = config;
        int n = config.NodeCount;
        _generation = new long[n];
        _heartbeats = new long[n];
        _lastArrivalUs = new long[n];
        _window = new ArrivalWindow[n];
        _tokens = new int[n];
        _tokensVersion = new long[n];
        _slot = new int[n];
        _belief = new MemberBelief[n];
        _live = new int[config.NodeCount];
        _unreachable = new int[config.NodeCount];
        _targets = new int[config.NodeCount];
    }

    /// <summary>This process's generation: a restarted node derives a larger one from the clock, like Cassandra's epoch seconds.</summary>
    public long Generation { get; private set; }

    public MemberBelief BeliefOf(int member) => _belief[member];

    public long GenerationOf(int member) => member == Context.Id ? Generation : _generation[member];

    public long HeartbeatOf(int member) => member == Context.Id ? _heartbeat : _heartbeats[member];

    /// <summary>When the member's heartbeat last increased here (the detector's tLast).</summary>
    public long LastArrivalUs(int member) => _lastArrivalUs[member];

    /// <summary>Mean of the member's recorded inter-arrival times, ms (the detector's window).</summary>
    public double ArrivalMeanMs(int member) => _window[member].MeanMs;

    public int LiveCount => _liveCount;

    public void AttachRing(RingRegistry ring)
    {
        _ring = ring;
        Array.Fill(_tokens, NoTokens);
    }

    /// <summary>A move: the new TOKENS value takes the next version, which the next round's heartbeat carries (one version counter, as Cassandra's).</summary>
    public void OnTokensMoved()
    {
        int self = Context.Id;
        _tokens[self] = _ring!.Current(self).Id;
        _tokensVersion[self] = _heartbeat + 1;
        Context.Emit(ObservationKind.RingTokens, self, _tokens[self]);
    }

    /// <summary>
    /// Graceful leave with a ring: STATUS LEFT at a new version, sent to every member believed live
    /// (Cassandra announces its shutdown to all live endpoints [unverified: not in references.md]); from there digests spread it.
    /// Without a ring the node carries no application state and just stops, as before.
    /// </summary>
    public override void OnLeave()
    {
        if (_ring is null) return;
        int self = Context.Id;
        _heartbeat++;
        _heartbeats[self] = _heartbeat;
        _tokens[self] = LeftStatus;
        _tokensVersion[self] = _heartbeat;
        var entry = new[] { EntryOf(Context.Id) };
        int size = _config.Sizes[HeartbeatMessageType.Push].Of(1) + LeftStatusBytes;
        for (int i = 0; i < _liveCount; i++)
        {
            Context.Send(_live[i], new Message { Type = HeartbeatMessageType.Push, SizeBytes = size, Payload = entry });
            Context.Emit(ObservationKind.RingBytesSent, _live[i], LeftStatusBytes);
        }
    }

    public override void Start()
    {
        // Microseconds since run start, plus one so that no generation is 0 ("never heard").
        Generation = Context.NowUs + 1;
        _belief[Context.Id] = MemberBelief.Alive;
        _generation[Context.Id] = Generation;
        _knownCount = 1;
        if (_ring is not null)
        {
            _tokens[Context.Id] = _ring.Current(Context.Id).Id;
            Context.Emit(ObservationKind.RingTokens, Context.Id, _tokens[Context.Id]);
        }
        Context.SetTimer(RoundTimer, Context.Random.NextInclusive(0, _config.IntervalUs - 1));
    }

    public override void OnTimer(int kind, long tag)
    {
        Context.SetTimer(RoundTimer, _config.IntervalUs);
        _heartbeat++;
        _heartbeats[Context.Id] = _heartbeat;
        Gossip();
        for (int m = 0; m < _belief.Length; m++)
            if (m != Context.Id) Judge(m);
    }

    public override void OnMessage(in Message message)
    {
        switch (message.Type)
        {
            case HeartbeatMessageType.Push:
            case HeartbeatMessageType.Ack2:
                foreach (var e in (HeartbeatEntry[])message.Payload!) Merge(e);
                break;
            case HeartbeatMessageType.Syn:
                OnSyn(message.From, (HeartbeatDigest[])message.Payload!);
                break;
            case HeartbeatMessageType.Ack:
                OnAck(message.From, (DigestAck)message.Payload!);
                break;
        }
    }

    /// <summary>
    /// Cassandra's target choice (references.md §2), with <c>fanout</c> live targets instead of one:
    /// live peers; one unreachable with P = U/(L+1); then, unless a live target was a seed and
    /// L ≥ #seeds, a seed (always if L = 0, else with P = S/(L+U)).
    /// </summary>
    private void Gossip()
    {
        int count = 0;
        bool toSeed = false;
        int live = _liveCount;
        int fanout = Math.Min(_config.Fanout, live);
        // Partial Fisher-Yates over the live list: distinct targets, and the list stays a permutation.
        for (int i = 0; i < fanout; i++)
        {
            int j = i + Context.Random.NextInt(live - i);
            SwapLive(i, j);
            int target = _live[i];
            _targets[count++] = target;
            toSeed |= IsSeed(target);
        }
        if (_unreachableCount > 0 && Context.Random.NextDouble() < (double)_unreachableCount / (live + 1))
            _targets[count++] = _unreachable[Context.Random.NextInt(_unreachableCount)];
        if (!toSeed || live < _config.Seeds.Count)
        {
            int seed = RandomSeed();
            if (seed >= 0 && (live == 0 || Context.Random.NextDouble() <= (double)_config.Seeds.Count / (live + _unreachableCount)))
                _targets[count++] = seed;
        }
        if (_config.Seeds.Count == 0 && _knownCount < _config.NodeCount)
        {
            // No seeds: every address in [0, n) is a contact point, tried at random each round until
            // all are known; otherwise nodes that first met each other could stay in separate cliques.
            int r = Context.Random.NextInt(_config.NodeCount - 1);
            _targets[count++] = r >= Context.Id ? r + 1 : r;
        }
        if (count == 0) return;
        bool push = _config.Exchange == HeartbeatExchange.Push;
        int type = push ? HeartbeatMessageType.Push : HeartbeatMessageType.Syn;
        // One list per round, shared by every target: receivers only read it.
        Array list = push ? States() : Digests();
        int size = _config.Sizes[type].Of(list.Length);
        for (int t = 0; t < count; t++)
            Context.Send(_targets[t], new Message { Type = type, SizeBytes = size, Payload = list });
    }

    private int RandomSeed()
    {
        var seeds = _config.Seeds;
        if (seeds.Count == 0 || (seeds.Count == 1 && seeds[0] == Context.Id)) return -1;
        int seed;
        do seed = seeds[Context.Random.NextInt(seeds.Count)]; while (seed == Context.Id);
        return seed;
    }

    private bool IsSeed(int node)
    {
        foreach (int s in _config.Seeds) if (s == node) return true;
        return false;
    }

    /// <summary>Every member held (self included, removed ones not), as the push exchange's states.</summary>
    private HeartbeatEntry[] States()
    {
        _states.Clear();
        for (int m = 0; m < _belief.Length; m++)
        {
            if (_belief[m] is MemberBelief.Unknown or MemberBelief.Removed) continue;
            _states.Add(new HeartbeatEntry(m, _generation[m], _heartbeats[m]));
        }
        return _states.ToArray();
    }

    /// <summary>Every member held (self included, removed ones not), as a SYN's digests.</summary>
    private HeartbeatDigest[] Digests()
    {
        // Held members are at most the members ever heard of: fill in place (every slot is written,
        // so the array need not be zeroed first), trim only after removals.
        var digests = GC.AllocateUninitializedArray<HeartbeatDigest>(_knownCount);
        int count = 0;
        for (int m = 0; m < _belief.Length; m++)
        {
            if (_belief[m] is MemberBelief.Unknown or MemberBelief.Removed) continue;
            digests[count++] = new HeartbeatDigest(m, _generation[m], _heartbeats[m]);
        }
        if (count < digests.Length) Array.Resize(ref digests, count);
        return digests;
    }

    /// <summary>A list's items as a new array, written once without zeroing it first (a round's arrays run to tens of kilobytes).</summary>
    private static T[] Copy<T>(List<T> items) where T : struct
    {
        var copy = GC.AllocateUninitializedArray<T>(items.Count);
        items.CopyTo(copy);
        return copy;
    }

    /// <summary>Cassandra's SYN handling: per digest, ask for what is newer there, send what is newer here.</summary>
    private void OnSyn(int from, HeartbeatDigest[] digests)
    {
        _requests.Clear();
        _states.Clear();
        int ringBytes = 0;
        foreach (var d in digests)
        {
            int member = d.Member;
            long generation = _generation[member], heartbeat = _heartbeats[member];
            if (d.Generation > generation || (d.Generation == generation && d.Version > heartbeat))
                _requests.Add(new HeartbeatDigest(member, generation, d.Generation == generation ? heartbeat : 0));
            else if ((generation > d.Generation || heartbeat > d.Version) && _belief[member] is not (MemberBelief.Unknown or MemberBelief.Removed))
            {
                _states.Add(EntryOf(member));
                ringBytes += RingBytes(member, d.Generation, d.Version);
            }
        }
        var ack = new DigestAck(Copy(_requests), Copy(_states));
        int size = _config.Sizes[HeartbeatMessageType.Ack].Of(ack.States.Length) + _config.Sizes[HeartbeatMessageType.Syn].ItemBytes * ack.Requests.Length + ringBytes;
        if (ringBytes > 0) Context.Emit(ObservationKind.RingBytesSent, from, ringBytes);
        Context.Send(from, new Message { Type = HeartbeatMessageType.Ack, SizeBytes = size, Payload = ack });
    }

    private void OnAck(int from, DigestAck ack)
    {
        foreach (var e in ack.States) Merge(e);
        _states.Clear();
        int ringBytes = 0;
        foreach (var r in ack.Requests)
        {
            int member = r.Member;
            if (_belief[member] is MemberBelief.Unknown or MemberBelief.Removed) continue;
            if (_generation[member] > r.Generation || _heartbeats[member] > r.Version)
            {
                _states.Add(EntryOf(member));
                ringBytes += RingBytes(member, r.Generation, r.Version);
            }
        }
        var states = Copy(_states);
        Context.Send(from, new Message { Type = HeartbeatMessageType.Ack2, SizeBytes = _config.Sizes[HeartbeatMessageType.Ack2].Of(states.Length) + ringBytes, Payload = states });
        if (ringBytes > 0) Context.Emit(ObservationKind.RingBytesSent, from, ringBytes);
    }

    /// <summary>A member's full state as held here: heartbeat, and with a ring its TOKENS (or STATUS LEFT).</summary>
    private HeartbeatEntry EntryOf(int member) =>
        new(member, _generation[member], _heartbeats[member], _tokens[member], _tokensVersion[member]);

    /// <summary>Bytes of ring state a state carries to a peer that knows (generation, version) of the member: only what is newer there.</summary>
    private int RingBytes(int member, long peerGeneration, long peerVersion)
    {
        int tokens = _tokens[member];
        if (_ring is null || tokens == NoTokens || (_generation[member] <= peerGeneration && _tokensVersion[member] <= peerVersion)) return 0;
        return tokens == LeftStatus ? LeftStatusBytes : _ring.Settings.CassandraTokensBytes;
    }

    /// <summary>Takes a member's state if newer than what is held, and reports the arrival to the detector.</summary>
    private void Merge(HeartbeatEntry e)
    {
        int member = e.Member;
        if (member == Context.Id) return;
        bool newGeneration = e.Generation > _generation[member];
        if (!newGeneration && (e.Generation < _generation[member] || e.Version <= _heartbeats[member])) return;
        long now = Context.NowUs;
        var belief = _belief[member];
        if (belief == MemberBelief.Unknown) _knownCount++;
        if (newGeneration || belief == MemberBelief.Unknown) FirstArrival(member, now);
        else RecordArrival(member, now);
        _generation[member] = e.Generation;
        _heartbeats[member] = e.Version;
        if (_ring is not null && e.Tokens != NoTokens)
        {
            if (e.Tokens != _tokens[member]) Context.Emit(ObservationKind.RingTokens, member, e.Tokens == LeftStatus ? -1 : e.Tokens);
            _tokens[member] = e.Tokens;
            _tokensVersion[member] = e.TokensVersion;
            if (e.Tokens == LeftStatus)
            {
                if (belief != MemberBelief.Left) SetBelief(member, MemberBelief.Left, ObservationKind.Removed);
                return;
            }
        }
        if (belief != MemberBelief.Alive) SetBelief(member, MemberBelief.Alive, ObservationKind.MarkedAlive);
    }

    /// <summary>
    /// A new member or incarnation starts a fresh history: Cassandra adds INITIAL_VALUE as the first
    /// sample (references.md §2); Akka seeds μ0 ± μ0/4 with μ0 the heartbeat interval (§3).
    /// </summary>
    private void FirstArrival(int member, long now)
    {
        _lastArrivalUs[member] = now;
        ref var window = ref _window[member];
        window.Clear();
        var d = _config.Detector;
        if (d.Kind != DetectorKind.Phi) return;
        if (d.Model == PhiModel.Exponential)
        {
            window.Add(_config.InitialIntervalMs, d.Window);
            return;
        }
        double mu0 = _config.IntervalUs / 1000.0;
        window.Add(mu0 - mu0 / 4, d.Window);
        window.Add(mu0 + mu0 / 4, d.Window);
    }

    private void RecordArrival(int member, long now)
    {
        var d = _config.Detector;
        double intervalMs = (now - _lastArrivalUs[member]) / 1000.0;
        if (d.Kind == DetectorKind.Phi)
        {
            // Cassandra ignores intervals above MAX_INTERVAL; Akka records one only if the member is still available.
            bool record = d.Model == PhiModel.Exponential
                ? intervalMs <= _config.MaxIntervalMs
                : NormalPhi(member, now) < d.Threshold;
            if (record) _window[member].Add(intervalMs, d.Window);
        }
        _lastArrivalUs[member] = now;
    }

    private double NormalPhi(int member, long now)
    {
        var d = _config.Detector;
        ref readonly var window = ref _window[member];
        double mean = window.MeanMs + d.AcceptablePauseUs / 1000.0;
        double sd = Math.Max(window.StdDevMs, d.MinStdUs / 1000.0);
        return PhiAccrual.PhiNormal((now - _lastArrivalUs[member]) / 1000.0, mean, sd);
    }

    /// <summary>One member's verdict for this round: suspicion at half the conviction level, conviction, cleanup.</summary>
    private void Judge(int member)
    {
        var belief = _belief[member];
        if (belief is MemberBelief.Unknown or MemberBelief.Removed or MemberBelief.Left) return;
        long silence = Context.NowUs - _lastArrivalUs[member];
        var d = _config.Detector;
        bool failed, suspect;
        if (d.Kind == DetectorKind.Timeout)
        {
            if (belief == MemberBelief.Dead && TimeoutDetector.IsRemovable(silence, d.CleanupUs))
            {
                SetBelief(member, MemberBelief.Removed, ObservationKind.Removed);
                return;
            }
            failed = TimeoutDetector.IsFailed(silence, d.FailUs);
            suspect = TimeoutDetector.IsSuspect(silence, d.FailUs);
        }
        else if (d.Model == PhiModel.Exponential)
        {
            double phi = PhiAccrual.PhiExponential(silence / 1000.0, _window[member].MeanMs);
            failed = PhiAccrual.ExponentialConvicts(phi, d.Threshold);
            suspect = PhiAccrual.ExponentialConvicts(phi, d.Threshold / 2);
        }
        else
        {
            // Akka: available iff φ < threshold.
            double phi = NormalPhi(member, Context.NowUs);
            failed = phi >= d.Threshold;
            suspect = phi >= d.Threshold / 2;
        }
        if (failed)
        {
            if (belief != MemberBelief.Dead) SetBelief(member, MemberBelief.Dead, ObservationKind.MarkedDead);
        }
        else if (suspect && belief == MemberBelief.Alive) SetBelief(member, MemberBelief.Suspect, ObservationKind.Suspected);
    }

    /// <summary>Moves a member between beliefs, keeps the live and unreachable lists, and reports the change.</summary>
    private void SetBelief(int member, MemberBelief belief, ObservationKind kind)
    {
        var was = _belief[member];
        bool wasLive = was is MemberBelief.Alive or MemberBelief.Suspect;
        bool isLive = belief is MemberBelief.Alive or MemberBelief.Suspect;
        if (wasLive && !isLive) RemoveAt(_live, ref _liveCount, _slot[member]);
        if (was == MemberBelief.Dead) RemoveAt(_unreachable, ref _unreachableCount, _slot[member]);
        if (isLive && !wasLive) _slot[member] = Append(_live, ref _liveCount, member);
        if (belief == MemberBelief.Dead) _slot[member] = Append(_unreachable, ref _unreachableCount, member);
        _belief[member] = belief;
        Context.Emit(kind, member, _generation[member]);
    }

    private int Append(int[] list, ref int count, int member)
    {
        list[count] = member;
        return count++;
    }

    private void RemoveAt(int[] list, ref int count, int slot)
    {
        int last = list[--count];
        list[slot] = last;
        _slot[last] = slot;
    }

    private void SwapLive(int i, int j)
    {
        (_live[i], _live[j]) = (_live[j], _live[i]);
        _slot[_live[i]] = i;
        _slot[_live[j]] = j;
    }
}
