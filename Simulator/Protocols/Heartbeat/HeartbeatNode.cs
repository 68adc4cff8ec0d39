using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// The work is n² a second across the cluster (every exchange compares whole membership lists), so
/// the hot loops walk dense per-member arrays, a SYN carries the sender's version array itself
/// (copied only if written while in flight), ACK and ACK2 states are written into payloads the
/// run's nodes reuse once delivered (<see cref="HeartbeatPools"/>), and the round judges only
/// members whose verdict can have changed (see <see cref="JudgeWaitUs"/>).
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
    private readonly FailureDetectorSettings _detector;
    private readonly double _maxIntervalMs;
    /// <summary>Cassandra's detector (phi under the exponential model), the one the merge loop takes inline.</summary>
    private readonly bool _exponentialPhi;
    /// <summary>Exponential phi: microseconds of silence per millisecond of mean interval at which suspicion and conviction can first be reached, with a margin (<see cref="JudgeAtUs"/>).</summary>
    private readonly double _suspectUsPerMeanMs, _convictUsPerMeanMs;
    // What this node holds of each member, one array per field (struct of arrays): a SYN scan reads
    // only the versions and beliefs, so it streams 13 bytes a member instead of an 80-byte record;
    // at 1,200 nodes the members of all nodes (~115 MB as records) do not fit in cache, and the
    // scans are bound by memory traffic.
    /// <summary>(generation, heartbeat) per member; (0, 0) = never heard of. Written only through <see cref="WritableVersions"/>.</summary>
    private MemberVersion[] _version;
    /// <summary>The SYN payload that carries <see cref="_version"/> itself, while it does (null after a copy on write).</summary>
    private VersionSnapshot? _published;
    /// <summary>The detector's state per member: what every arrival updates, together in one record.</summary>
    private readonly MemberClock[] _clock;
    /// <summary>Sum of squared inter-arrival times per member, beside each window: Akka's normal model only (null otherwise).</summary>
    private readonly double[]? _sumSquares;
    /// <summary>TOKENS held (with a ring only): a token-set id, <see cref="NoTokens"/> or <see cref="LeftStatus"/>.</summary>
    private int[]? _tokens;
    private int[]? _tokensVersion;
    /// <summary>Index in the live list (alive, suspect) or the unreachable list (dead).</summary>
    private readonly int[] _slot;
    private readonly MemberBelief[] _belief;
    /// <summary>A lower bound of <see cref="MemberClock.JudgeAtUs"/> over all members: rounds before it judge nobody.</summary>
    private long _nextJudgeUs = long.MaxValue;
    /// <summary>Members believed alive or suspect, densely packed for uniform draws; _slot points back.</summary>
    private readonly int[] _live;
    private int _liveCount;
    /// <summary>Members believed dead (not removed): Cassandra's unreachable set.</summary>
    private readonly int[] _unreachable;
    private int _unreachableCount;
    private readonly int[] _targets;
    private readonly HeartbeatPools _pools;
    private int _heartbeat;
    /// <summary>Members ever heard of, self included.</summary>
    private int _knownCount;
    /// <summary>Members removed after T_cleanup: held in _version (so stale gossip cannot revive them) but not gossiped.</summary>
    private int _removedCount;
    private RingRegistry? _ring;

    /// <param name="pools">The run's reusable payloads (<see cref="HeartbeatConfig.NodeFactory"/>).</param>
    public HeartbeatNode(INodeContext context, HeartbeatConfig config, HeartbeatPools pools) : base(context)
    {
        _config = config;
        _pools = pools;
        _detector = config.Detector;
        _maxIntervalMs = config.MaxIntervalMs;
        _exponentialPhi = _detector.Kind == DetectorKind.Phi && _detector.Model == PhiModel.Exponential;
        // PhiFactor * (silence / mean) > level  <=>  silence > level / PhiFactor * mean; shaved by a
        // relative 1e-9 so that rounding can only make the bound early.
        _suspectUsPerMeanMs = _detector.Threshold / 2 / PhiAccrual.PhiFactor * 1000 * (1 - 1e-9);
        _convictUsPerMeanMs = _detector.Threshold / PhiAccrual.PhiFactor * 1000 * (1 - 1e-9);
        int n = config.NodeCount;
        _version = new MemberVersion[n];
        _clock = new MemberClock[n];
        for (int m = 0; m < n; m++) _clock[m].JudgeAfterUs = MemberClock.Never;
        if (_detector.Kind == DetectorKind.Phi && _detector.Model == PhiModel.Normal) _sumSquares = new double[n];
        _slot = new int[n];
        _belief = new MemberBelief[n];
        _live = new int[config.NodeCount];
        _unreachable = new int[config.NodeCount];
        // A round contacts at most fanout live peers, an unreachable one, a seed and a random address.
        _targets = new int[config.Fanout + 3];
    }

    /// <summary>This process's generation: a restarted node derives a larger one from the clock, like Cassandra's epoch seconds.</summary>
    public long Generation { get; private set; }

    public MemberBelief BeliefOf(int member) => _belief[member];

    public long GenerationOf(int member) => member == Context.Id ? Generation : _version[member].Generation;

    public long HeartbeatOf(int member) => member == Context.Id ? _heartbeat : _version[member].Heartbeat;

    /// <summary>When the member's heartbeat last increased here (the detector's tLast).</summary>
    public long LastArrivalUs(int member) => _clock[member].LastArrivalUs;

    /// <summary>Mean of the member's recorded inter-arrival times, ms (the detector's window).</summary>
    public double ArrivalMeanMs(int member) => _clock[member].Window.MeanMs;

    public int LiveCount => _liveCount;

    public void AttachRing(RingRegistry ring)
    {
        _ring = ring;
        _tokens = new int[_config.NodeCount];
        _tokensVersion = new int[_config.NodeCount];
        Array.Fill(_tokens, NoTokens);
    }

    /// <summary>A move: the new TOKENS value takes the next version, which the next round's heartbeat carries (one version counter, as Cassandra's).</summary>
    public void OnTokensMoved()
    {
        int self = Context.Id;
        _tokens![self] = _ring!.Current(self).Id;
        _tokensVersion![self] = _heartbeat + 1;
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
        WritableVersions()[self].Heartbeat = _heartbeat;
        _tokens![self] = LeftStatus;
        _tokensVersion![self] = _heartbeat;
        var entry = _pools.Batches.Rent();
        entry.Buffer[0] = EntryOf(self);
        entry.Count = 1;
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
        WritableVersions()[Context.Id].Generation = Generation;
        _knownCount = 1;
        if (_ring is not null)
        {
            _tokens![Context.Id] = _ring.Current(Context.Id).Id;
            Context.Emit(ObservationKind.RingTokens, Context.Id, _tokens[Context.Id]);
        }
        Context.SetTimer(RoundTimer, Context.Random.NextInclusive(0, _config.IntervalUs - 1));
    }

    public override void OnTimer(int kind, long tag)
    {
        Context.SetTimer(RoundTimer, _config.IntervalUs);
        _heartbeat++;
        WritableVersions()[Context.Id].Heartbeat = _heartbeat;
        Gossip();
        long now = Context.NowUs;
        if (now < _nextJudgeUs) return;
        long next = long.MaxValue;
        var clock = _clock;
        for (int m = 0; m < clock.Length; m++)
        {
            if (now >= clock[m].JudgeAtUs) Judge(m);
            next = Math.Min(next, clock[m].JudgeAtUs);
        }
        _nextJudgeUs = next;
    }

    public override void OnMessage(in Message message)
    {
        switch (message.Type)
        {
            case HeartbeatMessageType.Push:
            case HeartbeatMessageType.Ack2:
                MergeAll(((EntryBatch)message.Payload!).Entries);
                break;
            case HeartbeatMessageType.Syn:
                OnSyn(message.From, ((VersionSnapshot)message.Payload!).Versions);
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
        // One payload per round, shared by every target: receivers only read it.
        object list = push ? States() : Digests();
        int size = _config.Sizes[type].Of(_knownCount - _removedCount);
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

    private static bool IsHeld(MemberBelief belief) => belief is not (MemberBelief.Unknown or MemberBelief.Removed);

    /// <summary>Every member held (self included, removed ones not), as the push exchange's states.</summary>
    private EntryBatch States()
    {
        var batch = _pools.Batches.Rent();
        var states = batch.Buffer;
        int count = 0;
        for (int m = 0; m < _belief.Length; m++)
            if (IsHeld(_belief[m])) states[count++] = new HeartbeatEntry(m, _version[m].Generation, _version[m].Heartbeat);
        batch.Count = count;
        return batch;
    }

    /// <summary>Every member's version, removed ones as not held: a SYN's digests, densely by member id.</summary>
    private VersionSnapshot Digests()
    {
        if (_removedCount > 0)
        {
            // Removed members must look unknown (0, 0): a copy with them hidden, the rare case.
            var digests = (MemberVersion[])_version.Clone();
            for (int m = 0; m < digests.Length; m++)
                if (_belief[m] == MemberBelief.Removed) digests[m] = default;
            return new VersionSnapshot(digests);
        }
        // Unknown members are (0, 0) already: the array itself is the digest list.
        return _published ??= new VersionSnapshot(_version);
    }

    /// <summary>
    /// <see cref="_version"/> for writing: while a SYN carrying it is in flight, the node goes on
    /// with a copy and leaves the original to the SYN (copy on write).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MemberVersion[] WritableVersions()
    {
        if (_published is { InFlight: true }) Unpublish();
        return _version;
    }

    private void Unpublish()
    {
        _version = (MemberVersion[])_version.Clone();
        _published = null;
    }

    /// <summary>
    /// Cassandra's SYN handling: per digest, ask for what is newer there, send what is newer here.
    /// Members come in id order, as Cassandra's sorted digest list gives them.
    /// </summary>
    private void OnSyn(int from, MemberVersion[] digests)
    {
        var versions = _version;
        var beliefs = _belief;
        var ack = _pools.Acks.Rent();
        var requests = ack.RequestBuffer;
        var states = ack.StateBuffer;
        int requestCount = 0, stateCount = 0;
        for (int member = 0; member < digests.Length; member++)
        {
            var d = digests[member];
            if (d.Generation == 0) continue;
            var local = versions[member];
            bool sameGeneration = d.Generation == local.Generation;
            bool newerThere = (d.Generation > local.Generation) | (sameGeneration & (d.Heartbeat > local.Heartbeat));
            bool newerHere = !newerThere & ((local.Generation > d.Generation) | (local.Heartbeat > d.Heartbeat)) & IsHeld(beliefs[member]);
            // Which way a member goes is a coin toss in steady state (both sides' heartbeats move
            // every round), so both candidates are written and only the counts decide: no branch
            // to mispredict. The buffers have room: neither count passes the member index.
            requests[requestCount] = new HeartbeatDigest(member, local.Generation, sameGeneration ? local.Heartbeat : 0);
            requestCount += newerThere ? 1 : 0;
            states[stateCount] = new HeartbeatEntry(member, local.Generation, local.Heartbeat);
            stateCount += newerHere ? 1 : 0;
        }
        ack.RequestCount = requestCount;
        ack.StateCount = stateCount;
        int ringBytes = _ring is null ? 0 : AddRingStates(states.AsSpan(0, stateCount), digests);
        int size = _config.Sizes[HeartbeatMessageType.Ack].Of(stateCount) + _config.Sizes[HeartbeatMessageType.Syn].ItemBytes * requestCount + ringBytes;
        if (ringBytes > 0) Context.Emit(ObservationKind.RingBytesSent, from, ringBytes);
        Context.Send(from, new Message { Type = HeartbeatMessageType.Ack, SizeBytes = size, Payload = ack });
    }

    /// <summary>With a ring: the TOKENS of each state sent to a peer whose digests are given, and the bytes of ring state that are newer there.</summary>
    private int AddRingStates(Span<HeartbeatEntry> states, MemberVersion[] digests)
    {
        int ringBytes = 0;
        foreach (ref var state in states)
        {
            int member = state.Member;
            state = EntryOf(member);
            ringBytes += RingBytes(member, digests[member].Generation, digests[member].Heartbeat);
        }
        return ringBytes;
    }

    private void OnAck(int from, DigestAck ack)
    {
        MergeAll(ack.States);
        var batch = _pools.Batches.Rent();
        var states = batch.Buffer;
        int count = 0;
        int ringBytes = 0;
        foreach (var r in ack.Requests)
        {
            int member = r.Member;
            if (!IsHeld(_belief[member])) continue;
            if (_version[member].Generation > r.Generation || _version[member].Heartbeat > r.Version)
            {
                states[count++] = EntryOf(member);
                ringBytes += RingBytes(member, r.Generation, r.Version);
            }
        }
        batch.Count = count;
        Context.Send(from, new Message { Type = HeartbeatMessageType.Ack2, SizeBytes = _config.Sizes[HeartbeatMessageType.Ack2].Of(count) + ringBytes, Payload = batch });
        if (ringBytes > 0) Context.Emit(ObservationKind.RingBytesSent, from, ringBytes);
    }

    /// <summary>A member's full state as held here: heartbeat, and with a ring its TOKENS (or STATUS LEFT).</summary>
    private HeartbeatEntry EntryOf(int member) => _tokens is null
        ? new(member, _version[member].Generation, _version[member].Heartbeat)
        : new(member, _version[member].Generation, _version[member].Heartbeat, _tokens[member], _tokensVersion![member]);

    /// <summary>Bytes of ring state a state carries to a peer that knows (generation, version) of the member: only what is newer there.</summary>
    private int RingBytes(int member, long peerGeneration, int peerVersion)
    {
        if (_ring is null) return 0;
        int tokens = _tokens![member];
        if (tokens == NoTokens || (_version[member].Generation <= peerGeneration && _tokensVersion![member] <= peerVersion)) return 0;
        return tokens == LeftStatus ? LeftStatusBytes : _ring.Settings.CassandraTokensBytes;
    }

    private void MergeAll(ReadOnlySpan<HeartbeatEntry> entries)
    {
        if (!_exponentialPhi || _ring is not null || !(_suspectUsPerMeanMs > 0))
        {
            foreach (ref readonly var e in entries) Merge(e);
            return;
        }
        // Cassandra's detector without a ring: nearly every state is one more heartbeat of a member
        // believed alive, taken here with what Merge, RecordArrival and SetJudgeAt would do on that
        // path and nothing else. Every such member was last heard now, so the bound of their judge
        // times is now plus the least wait.
        int self = Context.Id;
        long now = Context.NowUs;
        var versions = WritableVersions();
        var beliefs = _belief;
        var clocks = _clock;
        double maxIntervalMs = _maxIntervalMs, usPerMeanMs = _suspectUsPerMeanMs;
        int window = _detector.Window;
        int leastWait = MemberClock.Never;
        foreach (ref readonly var e in entries)
        {
            int member = e.Member;
            ref var held = ref versions[member];
            if (e.Generation != held.Generation || e.Version <= held.Heartbeat || beliefs[member] != MemberBelief.Alive || member == self)
            {
                Merge(e);
                continue;
            }
            held.Heartbeat = e.Version;
            ref var clock = ref clocks[member];
            RecordExponential(ref clock, now, maxIntervalMs, window);
            int wait = ExponentialWaitUs(usPerMeanMs, clock.Window.MeanMs);
            clock.JudgeAfterUs = wait;
            leastWait = Math.Min(leastWait, wait);
        }
        if (leastWait != MemberClock.Never) _nextJudgeUs = Math.Min(_nextJudgeUs, now + leastWait);
    }

    /// <summary>Takes a member's state if newer than what is held, and reports the arrival to the detector.</summary>
    private void Merge(in HeartbeatEntry e)
    {
        int member = e.Member;
        if (member == Context.Id) return;
        ref var held = ref WritableVersions()[member];
        bool newGeneration = e.Generation > held.Generation;
        if (!newGeneration && (e.Generation < held.Generation || e.Version <= held.Heartbeat)) return;
        long now = Context.NowUs;
        var belief = _belief[member];
        if (belief == MemberBelief.Unknown) _knownCount++;
        if (newGeneration || belief == MemberBelief.Unknown) FirstArrival(member, now);
        else RecordArrival(member, now);
        held = new MemberVersion(e.Generation, e.Version);
        if (_ring is not null && e.Tokens != NoTokens)
        {
            if (e.Tokens != _tokens![member]) Context.Emit(ObservationKind.RingTokens, member, e.Tokens == LeftStatus ? -1 : e.Tokens);
            _tokens[member] = e.Tokens;
            _tokensVersion![member] = e.TokensVersion;
            if (e.Tokens == LeftStatus)
            {
                if (belief != MemberBelief.Left) SetBelief(member, MemberBelief.Left, ObservationKind.Removed);
                return;
            }
        }
        if (belief != MemberBelief.Alive) SetBelief(member, MemberBelief.Alive, ObservationKind.MarkedAlive);
        else SetJudgeAt(member);
    }

    /// <summary>
    /// A new member or incarnation starts a fresh history: Cassandra adds INITIAL_VALUE as the first
    /// sample (references.md §2); Akka seeds μ0 ± μ0/4 with μ0 the heartbeat interval (§3).
    /// </summary>
    private void FirstArrival(int member, long now)
    {
        ref var clock = ref _clock[member];
        clock.LastArrivalUs = now;
        ref var window = ref clock.Window;
        window.Clear();
        var d = _detector;
        if (d.Kind != DetectorKind.Phi) return;
        if (d.Model == PhiModel.Exponential)
        {
            window.Add(_config.InitialIntervalMs, d.Window);
            return;
        }
        ref double squares = ref _sumSquares![member];
        squares = 0;
        double mu0 = _config.IntervalUs / 1000.0;
        window.Add(mu0 - mu0 / 4, d.Window, ref squares);
        window.Add(mu0 + mu0 / 4, d.Window, ref squares);
    }

    private void RecordArrival(int member, long now)
    {
        var d = _detector;
        ref var clock = ref _clock[member];
        if (_exponentialPhi)
        {
            RecordExponential(ref clock, now, _maxIntervalMs, d.Window);
            return;
        }
        // Akka records an interval only if the member is still available.
        if (d.Kind == DetectorKind.Phi && NormalPhi(member, now) < d.Threshold)
            clock.Window.Add((now - clock.LastArrivalUs) / 1000.0, d.Window, ref _sumSquares![member]);
        clock.LastArrivalUs = now;
    }

    /// <summary>An arrival under Cassandra's model, which ignores intervals above MAX_INTERVAL (references.md §2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RecordExponential(ref MemberClock clock, long now, double maxIntervalMs, int window)
    {
        double intervalMs = (now - clock.LastArrivalUs) / 1000.0;
        if (intervalMs <= maxIntervalMs) clock.Window.Add(intervalMs, window);
        clock.LastArrivalUs = now;
    }

    private double NormalPhi(int member, long now)
    {
        var d = _detector;
        ref readonly var clock = ref _clock[member];
        double mean = clock.Window.MeanMs + d.AcceptablePauseUs / 1000.0;
        double sd = Math.Max(clock.Window.StdDevMs(_sumSquares![member]), d.MinStdUs / 1000.0);
        return PhiAccrual.PhiNormal((now - clock.LastArrivalUs) / 1000.0, mean, sd);
    }

    /// <summary>One member's verdict for this round: suspicion at half the conviction level, conviction, cleanup.</summary>
    private void Judge(int member)
    {
        var belief = _belief[member];
        if (belief is MemberBelief.Unknown or MemberBelief.Removed or MemberBelief.Left) return;
        long silence = Context.NowUs - _clock[member].LastArrivalUs;
        var d = _detector;
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
            double phi = PhiAccrual.PhiExponential(silence / 1000.0, _clock[member].Window.MeanMs);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetJudgeAt(int member)
    {
        ref var clock = ref _clock[member];
        clock.JudgeAfterUs = JudgeWaitUs(member);
        long at = clock.JudgeAtUs;
        if (at < _nextJudgeUs) _nextJudgeUs = at;
    }

    /// <summary>
    /// How long after the member's last arrival <see cref="Judge"/> could first change its belief,
    /// given its belief and window now: the silence at which the next verdict level is crossed,
    /// rounded down with a margin (the judge itself then decides exactly, so early is only slower,
    /// never different). A dead member under phi waits for an arrival: only a newer state revives it.
    /// In <see cref="MemberClock.JudgeAfterUs"/>'s form.
    /// </summary>
    private int JudgeWaitUs(int member)
    {
        var belief = _belief[member];
        if (belief is MemberBelief.Unknown or MemberBelief.Removed or MemberBelief.Left) return MemberClock.Never;
        ref readonly var clock = ref _clock[member];
        var d = _detector;
        if (d.Kind == DetectorKind.Timeout)
        {
            long silenceUs = belief switch
            {
                MemberBelief.Alive => d.FailUs / 2,
                MemberBelief.Suspect => d.FailUs,
                _ => d.CleanupUs,
            };
            return silenceUs >= long.MaxValue - clock.LastArrivalUs ? MemberClock.Never : (int)Math.Min(silenceUs, MemberClock.Never - 1);
        }
        if (belief == MemberBelief.Dead) return MemberClock.Never;
        if (d.Model == PhiModel.Exponential)
            return ExponentialWaitUs(belief == MemberBelief.Alive ? _suspectUsPerMeanMs : _convictUsPerMeanMs, clock.Window.MeanMs);
        // Normal model: at silence <= mean, φ <= -log10(1/2) = 0.30103 whatever the deviation,
        // so below the mean no level above 0.302 is reached.
        double level = belief == MemberBelief.Alive ? d.Threshold / 2 : d.Threshold;
        double pausedMean = clock.Window.MeanMs + d.AcceptablePauseUs / 1000.0;
        if (!(level > 0.302) || !(pausedMean > 0) || !double.IsFinite(pausedMean)) return 0;
        return MemberClock.WaitOf(Math.Floor(pausedMean * 1000 * (1 - 1e-9)) - 1);
    }

    /// <summary>Under exponential phi, the judge wait of a member whose window has this mean: silence of usPerMeanMs × mean, already shaved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ExponentialWaitUs(double usPerMeanMs, double meanMs) =>
        meanMs > 0 && double.IsFinite(meanMs) && usPerMeanMs > 0 ? MemberClock.WaitOf(usPerMeanMs * meanMs - 1) : 0;

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
        _removedCount += (belief == MemberBelief.Removed ? 1 : 0) - (was == MemberBelief.Removed ? 1 : 0);
        _belief[member] = belief;
        SetJudgeAt(member);
        Context.Emit(kind, member, _version[member].Generation);
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

    /// <summary>
    /// What the detector holds of one member: when its heartbeat last rose (tLast), its inter-arrival
    /// window, and the time before which no verdict about it can change. An arrival writes all of
    /// them, so they share one 24-byte record instead of three arrays; at 1,200 nodes these records
    /// are most of the memory an exchange pulls in.
    /// </summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct MemberClock
    {
        /// <summary><see cref="JudgeAfterUs"/>: no verdict can change until something arrives.</summary>
        public const int Never = int.MaxValue;

        public long LastArrivalUs;
        public ArrivalWindow Window;
        /// <summary>
        /// Microseconds after <see cref="LastArrivalUs"/> before which the member's verdict cannot
        /// change (silence only grows until the next arrival, and every detector is monotone in
        /// silence): the round judges only members whose time has come, which gives the verdicts of
        /// judging all of them. Set conservatively early (<see cref="WaitOf"/>).
        /// </summary>
        public int JudgeAfterUs;

        /// <summary>The absolute judge time; long.MaxValue for <see cref="Never"/>.</summary>
        public readonly long JudgeAtUs
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => JudgeAfterUs == Never ? long.MaxValue : LastArrivalUs + JudgeAfterUs;
        }

        /// <summary>
        /// A wait in microseconds as stored: 0 for no positive wait, <see cref="Never"/> for an
        /// absurd one, and a wait longer than an int holds (35 min) as the longest one, which is only earlier.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int WaitOf(double waitUs) =>
            !(waitUs > 0) ? 0 : waitUs < Never - 1 ? (int)waitUs : waitUs >= 1e18 ? Never : Never - 1;
    }
}
