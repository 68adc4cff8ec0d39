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
    private readonly Member[] _members;
    /// <summary>Members believed alive or suspect, densely packed for uniform draws; Member.LiveSlot points back.</summary>
    private readonly int[] _live;
    private int _liveCount;
    /// <summary>Members believed dead (not removed): Cassandra's unreachable set.</summary>
    private readonly int[] _unreachable;
    private int _unreachableCount;
    private readonly int[] _targets;
    private readonly List<HeartbeatEntry> _requests = new();
    private readonly List<HeartbeatEntry> _states = new();
    private long _heartbeat;
    /// <summary>Members ever heard of, self included.</summary>
    private int _knownCount;
    private RingRegistry? _ring;

    public HeartbeatNode(INodeContext context, HeartbeatConfig config) : base(context)
    {
        _config = config;
        _members = new Member[config.NodeCount];
        _live = new int[config.NodeCount];
        _unreachable = new int[config.NodeCount];
        _targets = new int[config.NodeCount];
    }

    /// <summary>This process's generation: a restarted node derives a larger one from the clock, like Cassandra's epoch seconds.</summary>
    public long Generation { get; private set; }

    public MemberBelief BeliefOf(int member) => _members[member].Belief;

    public long GenerationOf(int member) => member == Context.Id ? Generation : _members[member].Generation;

    public long HeartbeatOf(int member) => member == Context.Id ? _heartbeat : _members[member].Heartbeat;

    /// <summary>When the member's heartbeat last increased here (the detector's tLast).</summary>
    public long LastArrivalUs(int member) => _members[member].LastArrivalUs;

    /// <summary>Mean of the member's recorded inter-arrival times, ms (the detector's window).</summary>
    public double ArrivalMeanMs(int member) => _members[member].Window.MeanMs;

    public int LiveCount => _liveCount;

    public void AttachRing(RingRegistry ring)
    {
        _ring = ring;
        for (int m = 0; m < _members.Length; m++) _members[m].Tokens = NoTokens;
    }

    /// <summary>A move: the new TOKENS value takes the next version, which the next round's heartbeat carries (one version counter, as Cassandra's).</summary>
    public void OnTokensMoved()
    {
        ref var self = ref _members[Context.Id];
        self.Tokens = _ring!.Current(Context.Id).Id;
        self.TokensVersion = _heartbeat + 1;
        Context.Emit(ObservationKind.RingTokens, Context.Id, self.Tokens);
    }

    /// <summary>
    /// Graceful leave with a ring: STATUS LEFT at a new version, sent to every member believed live
    /// (Cassandra announces its shutdown to all live endpoints [unverified: not in references.md]); from there digests spread it.
    /// Without a ring the node carries no application state and just stops, as before.
    /// </summary>
    public override void OnLeave()
    {
        if (_ring is null) return;
        ref var self = ref _members[Context.Id];
        _heartbeat++;
        self.Heartbeat = _heartbeat;
        self.Tokens = LeftStatus;
        self.TokensVersion = _heartbeat;
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
        _members[Context.Id].Belief = MemberBelief.Alive;
        _members[Context.Id].Generation = Generation;
        _knownCount = 1;
        if (_ring is not null)
        {
            _members[Context.Id].Tokens = _ring.Current(Context.Id).Id;
            Context.Emit(ObservationKind.RingTokens, Context.Id, _members[Context.Id].Tokens);
        }
        Context.SetTimer(RoundTimer, Context.Random.NextInclusive(0, _config.IntervalUs - 1));
    }

    public override void OnTimer(int kind, long tag)
    {
        Context.SetTimer(RoundTimer, _config.IntervalUs);
        _heartbeat++;
        _members[Context.Id].Heartbeat = _heartbeat;
        Gossip();
        for (int m = 0; m < _members.Length; m++)
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
                OnSyn(message.From, (HeartbeatEntry[])message.Payload!);
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
        var snapshot = Snapshot();
        int type = _config.Exchange == HeartbeatExchange.Push ? HeartbeatMessageType.Push : HeartbeatMessageType.Syn;
        int size = _config.Sizes[type].Of(snapshot.Length);
        for (int t = 0; t < count; t++)
            Context.Send(_targets[t], new Message { Type = type, SizeBytes = size, Payload = snapshot });
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

    /// <summary>Every member held (self included, removed ones not): the push list or the SYN's digests.</summary>
    private HeartbeatEntry[] Snapshot()
    {
        _states.Clear();
        for (int m = 0; m < _members.Length; m++)
        {
            ref var s = ref _members[m];
            if (s.Belief is MemberBelief.Unknown or MemberBelief.Removed) continue;
            _states.Add(new HeartbeatEntry(m, s.Generation, s.Heartbeat));
        }
        return _states.ToArray();
    }

    /// <summary>Cassandra's SYN handling: per digest, ask for what is newer there, send what is newer here.</summary>
    private void OnSyn(int from, HeartbeatEntry[] digests)
    {
        _requests.Clear();
        _states.Clear();
        int ringBytes = 0;
        foreach (var d in digests)
        {
            ref var local = ref _members[d.Member];
            bool held = local.Belief is not (MemberBelief.Unknown or MemberBelief.Removed);
            if (d.Generation > local.Generation || (d.Generation == local.Generation && d.Version > local.Heartbeat))
                _requests.Add(new HeartbeatEntry(d.Member, local.Generation, d.Generation == local.Generation ? local.Heartbeat : 0));
            else if (held && (local.Generation > d.Generation || local.Heartbeat > d.Version))
            {
                _states.Add(EntryOf(d.Member));
                ringBytes += RingBytes(ref local, d.Generation, d.Version);
            }
        }
        var ack = new DigestAck(_requests.ToArray(), _states.ToArray());
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
            ref var local = ref _members[r.Member];
            if (local.Belief is MemberBelief.Unknown or MemberBelief.Removed) continue;
            if (local.Generation > r.Generation || local.Heartbeat > r.Version)
            {
                _states.Add(EntryOf(r.Member));
                ringBytes += RingBytes(ref local, r.Generation, r.Version);
            }
        }
        var states = _states.ToArray();
        Context.Send(from, new Message { Type = HeartbeatMessageType.Ack2, SizeBytes = _config.Sizes[HeartbeatMessageType.Ack2].Of(states.Length) + ringBytes, Payload = states });
        if (ringBytes > 0) Context.Emit(ObservationKind.RingBytesSent, from, ringBytes);
    }

    /// <summary>A member's full state as held here: heartbeat, and with a ring its TOKENS (or STATUS LEFT).</summary>
    private HeartbeatEntry EntryOf(int member)
    {
        ref var m = ref _members[member];
        return new HeartbeatEntry(member, m.Generation, m.Heartbeat, m.Tokens, m.TokensVersion);
    }

    /// <summary>Bytes of ring state a state carries to a peer that knows (generation, version) of the member: only what is newer there.</summary>
    private int RingBytes(ref Member m, long peerGeneration, long peerVersion)
    {
        if (_ring is null || m.Tokens == NoTokens || (m.Generation <= peerGeneration && m.TokensVersion <= peerVersion)) return 0;
        return m.Tokens == LeftStatus ? LeftStatusBytes : _ring.Settings.CassandraTokensBytes;
    }

    /// <summary>Takes a member's state if newer than what is held, and reports the arrival to the detector.</summary>
    private void Merge(HeartbeatEntry e)
    {
        if (e.Member == Context.Id) return;
        ref var m = ref _members[e.Member];
        bool newGeneration = e.Generation > m.Generation;
        if (!newGeneration && (e.Generation < m.Generation || e.Version <= m.Heartbeat)) return;
        long now = Context.NowUs;
        if (m.Belief == MemberBelief.Unknown) _knownCount++;
        if (newGeneration || m.Belief == MemberBelief.Unknown) FirstArrival(ref m, now);
        else RecordArrival(ref m, now);
        m.Generation = e.Generation;
        m.Heartbeat = e.Version;
        if (_ring is not null && e.Tokens != NoTokens)
        {
            if (e.Tokens != m.Tokens) Context.Emit(ObservationKind.RingTokens, e.Member, e.Tokens == LeftStatus ? -1 : e.Tokens);
            m.Tokens = e.Tokens;
            m.TokensVersion = e.TokensVersion;
            if (m.Tokens == LeftStatus)
            {
                if (m.Belief != MemberBelief.Left) SetBelief(e.Member, MemberBelief.Left, ObservationKind.Removed);
                return;
            }
        }
        if (m.Belief != MemberBelief.Alive) SetBelief(e.Member, MemberBelief.Alive, ObservationKind.MarkedAlive);
    }

    /// <summary>
    /// A new member or incarnation starts a fresh history: Cassandra adds INITIAL_VALUE as the first
    /// sample (references.md §2); Akka seeds μ0 ± μ0/4 with μ0 the heartbeat interval (§3).
    /// </summary>
    private void FirstArrival(ref Member m, long now)
    {
        m.LastArrivalUs = now;
        m.Window.Clear();
        var d = _config.Detector;
        if (d.Kind != DetectorKind.Phi) return;
        if (d.Model == PhiModel.Exponential)
        {
            m.Window.Add(_config.InitialIntervalMs, d.Window);
            return;
        }
        double mu0 = _config.IntervalUs / 1000.0;
        m.Window.Add(mu0 - mu0 / 4, d.Window);
        m.Window.Add(mu0 + mu0 / 4, d.Window);
    }

    private void RecordArrival(ref Member m, long now)
    {
        var d = _config.Detector;
        double intervalMs = (now - m.LastArrivalUs) / 1000.0;
        if (d.Kind == DetectorKind.Phi)
        {
            // Cassandra ignores intervals above MAX_INTERVAL; Akka records one only if the member is still available.
            bool record = d.Model == PhiModel.Exponential
                ? intervalMs <= _config.MaxIntervalMs
                : NormalPhi(ref m, now) < d.Threshold;
            if (record) m.Window.Add(intervalMs, d.Window);
        }
        m.LastArrivalUs = now;
    }

    private double NormalPhi(ref Member m, long now)
    {
        var d = _config.Detector;
        double mean = m.Window.MeanMs + d.AcceptablePauseUs / 1000.0;
        double sd = Math.Max(m.Window.StdDevMs, d.MinStdUs / 1000.0);
        return PhiAccrual.PhiNormal((now - m.LastArrivalUs) / 1000.0, mean, sd);
    }

    /// <summary>One member's verdict for this round: suspicion at half the conviction level, conviction, cleanup.</summary>
    private void Judge(int member)
    {
        ref var m = ref _members[member];
        if (m.Belief is MemberBelief.Unknown or MemberBelief.Removed or MemberBelief.Left) return;
        long silence = Context.NowUs - m.LastArrivalUs;
        var d = _config.Detector;
        bool failed, suspect;
        if (d.Kind == DetectorKind.Timeout)
        {
            if (m.Belief == MemberBelief.Dead && TimeoutDetector.IsRemovable(silence, d.CleanupUs))
            {
                SetBelief(member, MemberBelief.Removed, ObservationKind.Removed);
                return;
            }
            failed = TimeoutDetector.IsFailed(silence, d.FailUs);
            suspect = TimeoutDetector.IsSuspect(silence, d.FailUs);
        }
        else if (d.Model == PhiModel.Exponential)
        {
            double phi = PhiAccrual.PhiExponential(silence / 1000.0, m.Window.MeanMs);
            failed = PhiAccrual.ExponentialConvicts(phi, d.Threshold);
            suspect = PhiAccrual.ExponentialConvicts(phi, d.Threshold / 2);
        }
        else
        {
            // Akka: available iff φ < threshold.
            double phi = NormalPhi(ref m, Context.NowUs);
            failed = phi >= d.Threshold;
            suspect = phi >= d.Threshold / 2;
        }
        if (failed)
        {
            if (m.Belief != MemberBelief.Dead) SetBelief(member, MemberBelief.Dead, ObservationKind.MarkedDead);
        }
        else if (suspect && m.Belief == MemberBelief.Alive) SetBelief(member, MemberBelief.Suspect, ObservationKind.Suspected);
    }

    /// <summary>Moves a member between beliefs, keeps the live and unreachable lists, and reports the change.</summary>
    private void SetBelief(int member, MemberBelief belief, ObservationKind kind)
    {
        ref var m = ref _members[member];
        bool wasLive = m.Belief is MemberBelief.Alive or MemberBelief.Suspect;
        bool isLive = belief is MemberBelief.Alive or MemberBelief.Suspect;
        if (wasLive && !isLive) RemoveAt(_live, ref _liveCount, m.Slot);
        if (m.Belief == MemberBelief.Dead) RemoveAt(_unreachable, ref _unreachableCount, m.Slot);
        if (isLive && !wasLive) m.Slot = Append(_live, ref _liveCount, member);
        if (belief == MemberBelief.Dead) m.Slot = Append(_unreachable, ref _unreachableCount, member);
        m.Belief = belief;
        Context.Emit(kind, member, m.Generation);
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
        _members[last].Slot = slot;
    }

    private void SwapLive(int i, int j)
    {
        (_live[i], _live[j]) = (_live[j], _live[i]);
        _members[_live[i]].Slot = i;
        _members[_live[j]].Slot = j;
    }

    private struct Member
    {
        public long Generation;
        public long Heartbeat;
        public long LastArrivalUs;
        public ArrivalWindow Window;
        /// <summary>TOKENS held: a token-set id, <see cref="NoTokens"/> or <see cref="LeftStatus"/>.</summary>
        public int Tokens;
        public long TokensVersion;
        /// <summary>Index in the live list (alive, suspect) or the unreachable list (dead).</summary>
        public int Slot;
        public MemberBelief Belief;
    }
}
