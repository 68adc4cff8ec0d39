using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;

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
public sealed class HeartbeatNode : ProtocolNode
{
    private const int RoundTimer = 0;

    private readonly HeartbeatConfig _config;
    private readonly int _self;
    // The detector's settings, read once: merges run about n times per node per round.
    private readonly bool _phi;
    private readonly bool _exponential;
    private readonly int _windowSize;
    private readonly double _maxIntervalMs;
    /// <summary>Exponential phi: µs of silence per ms of window mean at which suspicion / conviction is reached, less a margin.</summary>
    private readonly double _suspectUsPerMeanMs, _convictUsPerMeanMs;
    // Per-member state as parallel arrays (struct of arrays): the digest loops of SYN handling and
    // the snapshot read only beliefs and (generation, heartbeat), so they stream 17 bytes a member
    // instead of a whole 56-byte record; the round's verdict loop reads only _judgeAtUs.
    private readonly MemberBelief[] _belief;
    private readonly Version[] _version;
    private readonly long[] _lastArrivalUs;
    private readonly ArrivalWindow[] _window;
    /// <summary>Index in the live list (alive, suspect) or the unreachable list (dead).</summary>
    private readonly int[] _slot;
    /// <summary>
    /// Per member, a time before which its verdict cannot change (silence only grows until the next
    /// arrival, and every detector is monotone in silence): the round judges only members whose
    /// time has come, which gives the verdicts of judging all of them. Set conservatively early
    /// (<see cref="JudgeAtUs"/>); long.MaxValue = no verdict can change until something arrives.
    /// </summary>
    private readonly long[] _judgeAtUs;
    /// <summary>A lower bound of _judgeAtUs over all members: rounds before it judge nobody.</summary>
    private long _nextJudgeUs;
    /// <summary>Members believed alive or suspect, densely packed for uniform draws; _slot points back.</summary>
    private readonly int[] _live;
    private int _liveCount;
    /// <summary>Members believed dead (not removed): Cassandra's unreachable set.</summary>
    private readonly int[] _unreachable;
    private int _unreachableCount;
    private readonly int[] _targets;
    private long _heartbeat;
    /// <summary>Members ever heard of, self included.</summary>
    private int _knownCount;
    /// <summary>Members held (neither unknown nor removed), self included: the snapshot's length.</summary>
    private int _heldCount;

    public HeartbeatNode(INodeContext context, HeartbeatConfig config) : base(context)
    {
        _config = config;
        _self = context.Id;
        var d = config.Detector;
        _phi = d.Kind == DetectorKind.Phi;
        _exponential = d.Model == PhiModel.Exponential;
        _windowSize = d.Window;
        _maxIntervalMs = config.MaxIntervalMs;
        // PhiFactor * (silenceMs / mean) > level  <=>  silenceMs > level / PhiFactor * mean; 1e-9 below, so never late.
        _suspectUsPerMeanMs = d.Threshold / 2 / PhiAccrual.PhiFactor * 1000 * (1 - 1e-9);
        _convictUsPerMeanMs = d.Threshold / PhiAccrual.PhiFactor * 1000 * (1 - 1e-9);
        int n = config.NodeCount;
        _belief = new MemberBelief[n];
        _version = new Version[n];
        _lastArrivalUs = new long[n];
        _window = new ArrivalWindow[n];
        _slot = new int[n];
        _judgeAtUs = new long[n];
        Array.Fill(_judgeAtUs, long.MaxValue);
        _nextJudgeUs = long.MaxValue;
        _live = new int[n];
        _unreachable = new int[n];
        _targets = new int[n];
    }

    /// <summary>This process's generation: a restarted node derives a larger one from the clock, like Cassandra's epoch seconds.</summary>
    public long Generation { get; private set; }

    public MemberBelief BeliefOf(int member) => _belief[member];

    public long GenerationOf(int member) => member == Context.Id ? Generation : _version[member].Generation;

    public long HeartbeatOf(int member) => member == Context.Id ? _heartbeat : _version[member].Heartbeat;

    /// <summary>When the member's heartbeat last increased here (the detector's tLast).</summary>
    public long LastArrivalUs(int member) => _lastArrivalUs[member];

    /// <summary>Mean of the member's recorded inter-arrival times, ms (the detector's window).</summary>
    public double ArrivalMeanMs(int member) => _window[member].MeanMs;

    public int LiveCount => _liveCount;

    public override void Start()
    {
        // Microseconds since run start, plus one so that no generation is 0 ("never heard").
        Generation = Context.NowUs + 1;
        _belief[Context.Id] = MemberBelief.Alive;
        _version[Context.Id].Generation = Generation;
        _knownCount = 1;
        _heldCount = 1;
        Context.SetTimer(RoundTimer, Context.Random.NextInclusive(0, _config.IntervalUs - 1));
    }

    public override void OnTimer(int kind, long tag)
    {
        Context.SetTimer(RoundTimer, _config.IntervalUs);
        _heartbeat++;
        _version[Context.Id].Heartbeat = _heartbeat;
        Gossip();
        long now = Context.NowUs;
        if (now < _nextJudgeUs) return;
        long next = long.MaxValue;
        var judgeAt = _judgeAtUs;
        for (int m = 0; m < judgeAt.Length; m++)
        {
            if (now >= judgeAt[m] && m != _self) Judge(m);
            next = Math.Min(next, judgeAt[m]);
        }
        _nextJudgeUs = next;
    }

    public override void OnMessage(in Message message)
    {
        switch (message.Type)
        {
            case HeartbeatMessageType.Push:
            case HeartbeatMessageType.Ack2:
            {
                var entries = (HeartbeatEntries)message.Payload!;
                MergeAll(entries.Entries);
                HeartbeatEntryPool.Release(entries);
                break;
            }
            case HeartbeatMessageType.Syn:
            {
                var digests = (HeartbeatEntries)message.Payload!;
                OnSyn(message.From, digests.Entries);
                HeartbeatEntryPool.Release(digests);
                break;
            }
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
        snapshot.Readers = count;
        int type = _config.Exchange == HeartbeatExchange.Push ? HeartbeatMessageType.Push : HeartbeatMessageType.Syn;
        int size = _config.Sizes[type].Of(snapshot.Count);
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

    private static bool IsHeld(MemberBelief b) => b is not (MemberBelief.Unknown or MemberBelief.Removed);

    /// <summary>Every member held (self included, removed ones not): the push list or the SYN's digests.</summary>
    private HeartbeatEntries Snapshot()
    {
        var snapshot = HeartbeatEntryPool.Rent(_config.NodeCount);
        var items = snapshot.Items;
        var beliefs = _belief;
        var versions = _version;
        int k = 0;
        for (int m = 0; m < beliefs.Length; m++)
        {
            if (!IsHeld(beliefs[m])) continue;
            items[k++] = new HeartbeatEntry(m, versions[m].Generation, versions[m].Heartbeat);
        }
        snapshot.Count = k;
        return snapshot;
    }

    /// <summary>Cassandra's SYN handling: per digest, ask for what is newer there, send what is newer here.</summary>
    private void OnSyn(int from, ReadOnlySpan<HeartbeatEntry> digests)
    {
        int requests = 0, states = 0;
        var ack = new DigestAck(HeartbeatEntryPool.Rent(_config.NodeCount), HeartbeatEntryPool.Rent(_config.NodeCount));
        var requestBuffer = ack.Requests.Items;
        var stateBuffer = ack.States.Items;
        var beliefs = _belief;
        var versions = _version;
        foreach (var d in digests)
        {
            var local = versions[d.Member];
            if (d.Generation > local.Generation || (d.Generation == local.Generation && d.Version > local.Heartbeat))
                requestBuffer[requests++] = new HeartbeatEntry(d.Member, local.Generation, d.Generation == local.Generation ? local.Heartbeat : 0);
            else if ((local.Generation > d.Generation || local.Heartbeat > d.Version) && IsHeld(beliefs[d.Member]))
                stateBuffer[states++] = new HeartbeatEntry(d.Member, local.Generation, local.Heartbeat);
        }
        ack.Requests.Count = requests;
        ack.States.Count = states;
        ack.Requests.Readers = ack.States.Readers = 1;
        int size = _config.Sizes[HeartbeatMessageType.Ack].Of(states) + _config.Sizes[HeartbeatMessageType.Syn].ItemBytes * requests;
        Context.Send(from, new Message { Type = HeartbeatMessageType.Ack, SizeBytes = size, Payload = ack });
    }

    private void OnAck(int from, DigestAck ack)
    {
        MergeAll(ack.States.Entries);
        int states = 0;
        var payload = HeartbeatEntryPool.Rent(_config.NodeCount);
        var stateBuffer = payload.Items;
        foreach (var r in ack.Requests.Entries)
        {
            if (!IsHeld(_belief[r.Member])) continue;
            var local = _version[r.Member];
            if (local.Generation > r.Generation || local.Heartbeat > r.Version)
                stateBuffer[states++] = new HeartbeatEntry(r.Member, local.Generation, local.Heartbeat);
        }
        payload.Count = states;
        payload.Readers = 1;
        HeartbeatEntryPool.Release(ack.States);
        HeartbeatEntryPool.Release(ack.Requests);
        Context.Send(from, new Message { Type = HeartbeatMessageType.Ack2, SizeBytes = _config.Sizes[HeartbeatMessageType.Ack2].Of(states), Payload = payload });
    }

    private void MergeAll(ReadOnlySpan<HeartbeatEntry> entries)
    {
        long now = Context.NowUs;
        foreach (var e in entries) Merge(e, now);
    }

    /// <summary>Takes a member's state if newer than what is held, and reports the arrival to the detector.</summary>
    private void Merge(in HeartbeatEntry e, long now)
    {
        int member = e.Member;
        if (member == _self) return;
        ref var v = ref _version[member];
        bool newGeneration = e.Generation > v.Generation;
        if (!newGeneration && (e.Generation < v.Generation || e.Version <= v.Heartbeat)) return;
        var belief = _belief[member];
        if (belief == MemberBelief.Unknown) _knownCount++;
        if (newGeneration || belief == MemberBelief.Unknown) FirstArrival(member, now);
        else RecordArrival(member, now);
        v.Generation = e.Generation;
        v.Heartbeat = e.Version;
        if (belief != MemberBelief.Alive) SetBelief(member, MemberBelief.Alive, ObservationKind.MarkedAlive);
        else SetJudgeAt(member);
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
        double intervalMs = (now - _lastArrivalUs[member]) / 1000.0;
        if (_phi)
        {
            // Cassandra ignores intervals above MAX_INTERVAL; Akka records one only if the member is still available.
            bool record = _exponential
                ? intervalMs <= _maxIntervalMs
                : NormalPhi(member, now) < _config.Detector.Threshold;
            if (record) _window[member].Add(intervalMs, _windowSize);
        }
        _lastArrivalUs[member] = now;
    }

    private double NormalPhi(int member, long now)
    {
        var d = _config.Detector;
        double mean = _window[member].MeanMs + d.AcceptablePauseUs / 1000.0;
        double sd = Math.Max(_window[member].StdDevMs, d.MinStdUs / 1000.0);
        return PhiAccrual.PhiNormal((now - _lastArrivalUs[member]) / 1000.0, mean, sd);
    }

    /// <summary>One member's verdict for this round: suspicion at half the conviction level, conviction, cleanup.</summary>
    private void Judge(int member)
    {
        var belief = _belief[member];
        if (!IsHeld(belief)) return;
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

    private void SetJudgeAt(int member)
    {
        long at = JudgeAtUs(member);
        _judgeAtUs[member] = at;
        if (at < _nextJudgeUs) _nextJudgeUs = at;
    }

    /// <summary>
    /// The earliest time at which <see cref="Judge"/> could change this member's belief, given its
    /// belief, last arrival and window now: the silence at which the next verdict level is crossed,
    /// rounded down with a margin (the judge itself then decides exactly, so early is only slower,
    /// never different). A dead member under phi waits for an arrival: only a newer state revives it.
    /// </summary>
    private long JudgeAtUs(int member)
    {
        var belief = _belief[member];
        if (!IsHeld(belief)) return long.MaxValue;
        long last = _lastArrivalUs[member];
        var d = _config.Detector;
        if (d.Kind == DetectorKind.Timeout)
        {
            long silenceUs = belief switch
            {
                MemberBelief.Alive => d.FailUs / 2,
                MemberBelief.Suspect => d.FailUs,
                _ => d.CleanupUs,
            };
            return silenceUs >= long.MaxValue - last ? long.MaxValue : last + silenceUs;
        }
        if (belief == MemberBelief.Dead) return long.MaxValue;
        double earliestUs;
        if (_exponential)
        {
            double mean = _window[member].MeanMs;
            earliestUs = mean * (belief == MemberBelief.Alive ? _suspectUsPerMeanMs : _convictUsPerMeanMs);
        }
        else
        {
            // Normal model: at silence <= mean, φ <= -log10(1/2) = 0.30103 whatever the deviation,
            // so below the mean no level above 0.302 is reached.
            double level = belief == MemberBelief.Alive ? d.Threshold / 2 : d.Threshold;
            double mean = _window[member].MeanMs + d.AcceptablePauseUs / 1000.0;
            if (!(level > 0.302)) return last;
            earliestUs = mean * 1000 * (1 - 1e-9);
        }
        // NaN, zero, negative (a zero mean or threshold): judge every round; otherwise one µs early.
        if (!(earliestUs >= 2)) return last;
        if (earliestUs >= 1e18) return long.MaxValue;
        return last + (long)earliestUs - 1;
    }

    /// <summary>Moves a member between beliefs, keeps the live and unreachable lists, and reports the change.</summary>
    private void SetBelief(int member, MemberBelief belief, ObservationKind kind)
    {
        var previous = _belief[member];
        bool wasLive = previous is MemberBelief.Alive or MemberBelief.Suspect;
        bool isLive = belief is MemberBelief.Alive or MemberBelief.Suspect;
        if (wasLive && !isLive) RemoveAt(_live, ref _liveCount, _slot[member]);
        if (previous == MemberBelief.Dead) RemoveAt(_unreachable, ref _unreachableCount, _slot[member]);
        if (isLive && !wasLive) _slot[member] = Append(_live, ref _liveCount, member);
        if (belief == MemberBelief.Dead) _slot[member] = Append(_unreachable, ref _unreachableCount, member);
        _heldCount += (IsHeld(belief) ? 1 : 0) - (IsHeld(previous) ? 1 : 0);
        _belief[member] = belief;
        SetJudgeAt(member);
        Context.Emit(kind, member, _version[member].Generation);
    }

    private static int Append(int[] list, ref int count, int member)
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

    /// <summary>A member's (generation, heartbeat): the pair every digest comparison reads together.</summary>
    private struct Version
    {
        public long Generation;
        public long Heartbeat;
    }
}
