using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Ring;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// Full-membership heartbeat gossip (van Renesse, Minsky, Hayden 1998; Cassandra's Gossiper and
/// FailureDetector, docs/references.md §2; Akka's phi detector, §3). Each round the node bumps its own
/// heartbeat, gossips, then judges every member it holds once (Cassandra checks once per round).
/// Seeds are contacted as Cassandra does; with no seeds, a node also contacts one random address
/// per round while it has not heard of every id in [0, n) (it knows the address list, not who is up).
/// A member is heard from when a newer (generation, heartbeat) arrives: a higher generation is a
/// new incarnation (fresh arrival history); a higher heartbeat in the same generation is one
/// inter-arrival sample. Emissions: MarkedAlive on first learning or recovery (with ECHO, on the
/// member's reply), Suspected when
/// phi crosses threshold/2 (timeout: silence T_fail/2), MarkedDead on conviction, Removed after
/// T_cleanup (timeout detector only; Cassandra keeps dead states for days).
/// The work is n² a second across the cluster (every exchange compares whole membership lists), so
/// the node keeps one array per field (<see cref="MemberTable"/>, <see cref="MemberClocks"/>) and
/// sets of members as bits; messages carry the sender's table itself (copied only if written while
/// in flight) with bit sets naming the members to read (<see cref="HeartbeatShared"/>); comparisons
/// (four version keys a vector) and the common arrival (eight members a step) run in vector steps; and the round judges only members
/// whose verdict can have changed (see <see cref="JudgeWaitUs"/>).
/// </summary>
public sealed class HeartbeatNode : ProtocolNode, IRingCarrier
{
    private const int RoundTimer = 0;
    /// <summary>The end of a leave's ring delay (<see cref="HeartbeatConfig.LeaveGossipUs"/>): the process stops.</summary>
    private const int ExitTimer = 1;
    /// <summary>Member's TOKENS not held.</summary>
    private const int NoTokens = -1;
    /// <summary>STATUS LEFT: the member left the ring (its tokens are gone).</summary>
    private const int LeftStatus = -2;
    /// <summary>STATUS "LEFT,&lt;token&gt;,&lt;expire&gt;" as a versioned value: about 40 B [derived: text of 5 + 20 + 13 digits, key and version].</summary>
    private const int LeftStatusBytes = 40;
    /// <summary>STATUS "shutdown,true" as a versioned value: about 15 B [derived: text of 13, as <see cref="LeftStatusBytes"/> counts it, plus 2].</summary>
    private const int ShutdownStatusBytes = 15;

    private readonly HeartbeatConfig _config;
    /// <summary>The failure detector, chosen once from the settings.</summary>
    private readonly ArrivalDetector _detector;
    /// <summary>Cassandra's detector (phi under the exponential model), the one the merge takes eight members a step; null under the others.</summary>
    private readonly ExponentialPhiArrivals? _exponential;
    /// <summary>With <see cref="_exponential"/>: the merge of common arrivals eight members a step.</summary>
    private readonly VectorMerge? _vectorMerge;
    /// <summary>What this node holds of each member's state. Written only through <see cref="WritableTable"/>.</summary>
    private MemberTable _table;
    /// <summary>The table before the last copy on write, overwritten by the next one once no message reads it: two tables a node instead of a fresh one per copy, which would live long enough to need gen-2 collections.</summary>
    private MemberTable? _spare;
    private readonly MemberClocks _clocks;
    private readonly MemberBelief[] _belief;
    /// <summary>Members held (belief neither unknown nor removed): those whose states this node sends.</summary>
    private readonly ulong[] _held;
    /// <summary>Members other than this node believed alive: an arrival about them is the common case (<see cref="MergeAll"/>).</summary>
    private readonly ulong[] _aliveOthers;
    /// <summary>Members believed suspect: with <see cref="_aliveOthers"/>, what a round's look at judge times needs of the beliefs.</summary>
    private readonly ulong[] _suspects;
    /// <summary>A lower bound of every member's judge time (<see cref="Due"/>): rounds before it judge nobody.</summary>
    private long _nextJudgeUs = long.MaxValue;
    /// <summary>
    /// Members believed alive or suspect, densely packed for uniform draws. No index points back:
    /// every round's draw would have to keep it up to date with two random writes, while a change
    /// of belief, the only reader, is rare and can afford a vector search for the member.
    /// </summary>
    private readonly int[] _live;
    private int _liveCount;
    /// <summary>Members believed dead (not removed): Cassandra's unreachable set.</summary>
    private readonly int[] _unreachable;
    private int _unreachableCount;
    private readonly int[] _targets;
    /// <summary>Seeds other than this node: Cassandra's seed set, from which buildSeedsList leaves the node itself out.</summary>
    private readonly int _otherSeeds;
    private readonly HeartbeatShared _shared;
    private int _heartbeat;
    /// <summary>Members ever heard of, self included.</summary>
    private int _knownCount;
    /// <summary>Members removed after T_cleanup: held in the table (so stale gossip cannot revive them) but not gossiped.</summary>
    private int _removedCount;
    private RingRegistry? _ring;
    /// <summary>When this node's last round judged (Cassandra's lastInterpret); -1 before its first round.</summary>
    private long _lastRoundUs = -1;
    /// <summary>Until when this node convicts nobody after a local pause (Cassandra's lastPause + MAX_LOCAL_PAUSE).</summary>
    private long _quietUntilUs;
    /// <summary>With <see cref="HeartbeatConfig.Echo"/>: when an ECHO went to each member believed dead (0: none in flight).</summary>
    private readonly long[]? _echoSentUs;
    /// <summary>
    /// With <see cref="HeartbeatConfig.QuarantineUs"/>: until when each member removed by its STATUS
    /// LEFT is quarantined (Cassandra's justRemovedEndpoints). Made at the first removal: most runs
    /// have none, and n longs a node would be n² across the cluster.
    /// </summary>
    private long[]? _quarantinedUntilUs;

    /// <param name="context">The node's window on the run: id, clock, stream, send and timers.</param>
    /// <param name="config">The family's settings.</param>
    /// <param name="shared">The run's reusable payloads and generations (<see cref="HeartbeatConfig.NodeFactory()"/>).</param>
    public HeartbeatNode(INodeContext context, HeartbeatConfig config, HeartbeatShared shared) : base(context)
    {
        _config = config;
        _shared = shared;
        _detector = ArrivalDetector.For(config);
        _exponential = _detector as ExponentialPhiArrivals;
        _clocks = _detector.Clocks;
        int n = config.NodeCount;
        if (_exponential is not null) _vectorMerge = new VectorMerge(MemberBits.Words(n));
        _table = new MemberTable(n);
        _belief = new MemberBelief[n];
        _held = new ulong[MemberBits.Words(n)];
        _aliveOthers = new ulong[MemberBits.Words(n)];
        _suspects = new ulong[MemberBits.Words(n)];
        _live = new int[n];
        _unreachable = new int[n];
        // A round contacts at most fanout live peers, an unreachable one, a seed and a random address.
        _targets = new int[config.Fanout + 3];
        _otherSeeds = config.Seeds.Count(s => s != context.Id);
        if (config.Echo) _echoSentUs = new long[n];
    }

    /// <summary>This process's generation: a restarted node derives a larger one from the clock, like Cassandra's epoch seconds.</summary>
    public long Generation { get; private set; }

    public MemberBelief BeliefOf(int member) => _belief[member];

    public long GenerationOf(int member) => member == Context.Id ? Generation : _shared.Generations.ValueOf(member, _table.IncarnationOf(member));

    public long HeartbeatOf(int member) => member == Context.Id ? _heartbeat : _table.HeartbeatOf(member);

    /// <summary>When the member's heartbeat last increased here (the detector's tLast).</summary>
    public long LastArrivalUs(int member) => _clocks.LastArrivalUs[member];

    /// <summary>Mean of the member's recorded inter-arrival times, ms (the detector's window).</summary>
    public double ArrivalMeanMs(int member) => _clocks.MeanMs(member);

    public void AttachRing(RingRegistry ring)
    {
        _ring = ring;
        _table.AddTokens(NoTokens);
    }

    /// <summary>A move: the new TOKENS value takes the next version, which the next round's heartbeat carries (one version counter, as Cassandra's).</summary>
    public void OnTokensMoved()
    {
        int self = Context.Id;
        var table = WritableTable();
        table.Tokens![self] = _ring!.Current(self).Id;
        table.TokensVersion![self] = _heartbeat + 1;
        Context.Emit(ObservationKind.RingTokens, self, table.Tokens[self]);
    }

    /// <summary>
    /// Graceful leave. With a ring it is Cassandra's decommission from StorageService.leaveRing on:
    /// STATUS LEFT at a new version. With <see cref="HeartbeatConfig.RingDelayUs"/> the node also
    /// takes itself out of its own ring (tokenMetadata.removeEndpoint) and goes on as before, for the
    /// Gossiper's task keeps running while leaveRing sleeps: its rounds carry LEFT by the digest
    /// exchange, it answers SYNs and ECHOs and judges its members, and after
    /// <see cref="HeartbeatConfig.LeaveGossipUs"/> its process stops without a word (Gossiper.stop
    /// announces nothing for a LEFT state). Without the delay, a what-if, LEFT is pushed to every
    /// member believed live and the process stops at once. Without a ring the leave is a plain
    /// stop, which with <see cref="HeartbeatConfig.AnnounceShutdown"/> is announced
    /// (<see cref="AnnounceShutdown"/>).
    /// </summary>
    public override LeaveProgress OnLeave()
    {
        if (_ring is null)
        {
            if (_config.AnnounceShutdown) AnnounceShutdown();
            return LeaveProgress.Done;
        }
        int self = Context.Id;
        _heartbeat++;
        var table = WritableTable();
        table.SetHeartbeat(self, _heartbeat);
        table.Tokens![self] = LeftStatus;
        table.TokensVersion![self] = _heartbeat;
        if (_config.LeaveGossipUs > 0)
        {
            Context.Emit(ObservationKind.RingTokens, self, -1);
            Context.SetTimer(ExitTimer, _config.LeaveGossipUs);
            return LeaveProgress.LeftRunningOn;
        }
        PushLeft(table);
        return LeaveProgress.Done;
    }

    /// <summary>The what-if of a leave without a ring delay: this node's STATUS LEFT, the one state of a push, to every member believed live.</summary>
    private void PushLeft(MemberTable table)
    {
        var state = _shared.States.Rent();
        Array.Clear(state.Members);
        MemberBits.Set(state.Members, Context.Id, true);
        state.Count = 1;
        state.Table = table;
        var pushSize = _config.Sizes[HeartbeatMessageType.Push];
        int size = pushSize.Wire(pushSize.Payload(1) + LeftStatusBytes);
        for (int i = 0; i < _liveCount; i++)
        {
            SendGossip(_live[i], new Message { Type = HeartbeatMessageType.Push, SizeBytes = size, Payload = state });
            Context.Emit(ObservationKind.RingBytesSent, _live[i], LeftStatusBytes);
        }
    }

    /// <summary>
    /// Cassandra's Gossiper.stop for a node in a state other than LEFT: STATUS shutdown at a new
    /// version, and GOSSIP_SHUTDOWN with the node's state to every endpoint it holds live, which
    /// marks it down at once (<see cref="OnShutdown"/>). Priced as a push of that one state with
    /// its STATUS value. The node stops right after, where Cassandra keeps gossiping for the
    /// announce delay (cassandra.shutdown_announce_in_ms) before cancelling its gossip task.
    /// </summary>
    private void AnnounceShutdown()
    {
        var pushSize = _config.Sizes[HeartbeatMessageType.Push];
        int size = pushSize.Wire(pushSize.Payload(1) + ShutdownStatusBytes);
        int incarnation = _table.IncarnationOf(Context.Id);
        // Over the internode TCP connections, as the ECHOs (RequestEcho).
        for (int i = 0; i < _liveCount; i++)
            Context.SendStream(_live[i], new Message { Type = HeartbeatMessageType.Push, SizeBytes = size, A = incarnation, B = _heartbeat, Payload = ShutdownNotice.Instance }, legs: 1);
    }

    /// <summary>
    /// Cassandra's GossipShutdownVerbHandler → Gossiper.markAsShutdown: an endpoint held takes the
    /// sender's state (no arrival: the failure detector hears nothing of it) and is marked down at
    /// once (markDead, FailureDetector.forceConviction); an unknown one is ignored. A newer state
    /// that later comes by way of others can only be older than this one, so nothing revives it but a
    /// restart's new generation.
    /// </summary>
    private void OnShutdown(int member, int incarnation, int version)
    {
        var belief = _belief[member];
        if (belief is MemberBelief.Unknown or MemberBelief.Removed or MemberBelief.Left) return;
        var table = WritableTable();
        int heldIncarnation = table.IncarnationOf(member);
        if (incarnation > heldIncarnation || (incarnation == heldIncarnation && version > table.HeartbeatOf(member))) table.Set(member, incarnation, version);
        if (belief != MemberBelief.Dead) SetBelief(member, MemberBelief.Dead, ObservationKind.MarkedDead);
    }

    public override void Start()
    {
        // Microseconds since run start, plus one so that no generation is 0 ("never heard").
        int self = Context.Id;
        Generation = Context.NowUs + 1;
        _belief[self] = MemberBelief.Alive;
        MemberBits.Set(_held, self, true);
        var table = WritableTable();
        table.Set(self, _shared.Generations.Register(self, Generation), table.HeartbeatOf(self));
        _knownCount = 1;
        if (_ring is not null)
        {
            table.Tokens![self] = _ring.Current(self).Id;
            Context.Emit(ObservationKind.RingTokens, self, table.Tokens[self]);
        }
        Context.SetTimer(RoundTimer, Context.Random.NextInclusive(0, _config.IntervalUs - 1));
    }

    public override void OnTimer(int kind, long tag)
    {
        if (kind == ExitTimer)
        {
            Context.Exit();
            return;
        }
        Context.SetTimer(RoundTimer, _config.IntervalUs);
        _heartbeat++;
        WritableTable().SetHeartbeat(Context.Id, _heartbeat);
        Gossip();
        long now = Context.NowUs;
        if (QuietAfterLocalPause(now)) return;
        if (now < _nextJudgeUs) return;
        // Judge every member whose time has come, in member order, and take the least judge time
        // after: the judged members' anew (a second look at their eight), the others' as they were.
        var earliest = Vector256.Create(long.MaxValue);
        for (int first = 0; first < _belief.Length; first += 8)
        {
            uint due = Due(first, now, out var low, out var high);
            if (due != 0)
            {
                for (; due != 0; due &= due - 1) Judge(first + BitOperations.TrailingZeroCount(due));
                Due(first, now, out low, out high);
            }
            earliest = Vector256.Min(earliest, Vector256.Min(low, high));
        }
        long next = long.MaxValue;
        for (int i = 0; i < Vector256<long>.Count; i++) next = Math.Min(next, earliest[i]);
        _nextJudgeUs = next;
    }

    /// <summary>
    /// Cassandra's local pause guard (FailureDetector.interpret): a round that comes more than the
    /// guard after the last one finds the node itself was stalled (a GC pause), so its silence says
    /// nothing about the members; it convicts nobody until the guard has passed since.
    /// </summary>
    private bool QuietAfterLocalPause(long now)
    {
        long guard = _config.LocalPauseGuardUs;
        if (guard <= 0) return false;
        if (_lastRoundUs >= 0 && now - _lastRoundUs > guard) _quietUntilUs = now + guard;
        _lastRoundUs = now;
        return now < _quietUntilUs;
    }

    public override void OnMessage(in Message message)
    {
        switch (message.Type)
        {
            case HeartbeatMessageType.EchoReq:
                Context.SendStream(message.From, new Message { Type = HeartbeatMessageType.EchoRsp, SizeBytes = _config.Sizes[HeartbeatMessageType.EchoRsp].Of(0) }, legs: 1);
                break;
            case HeartbeatMessageType.EchoRsp:
                _echoSentUs![message.From] = 0;
                if (_belief[message.From] is MemberBelief.Dead or MemberBelief.Pending) SetBelief(message.From, MemberBelief.Alive, ObservationKind.MarkedAlive);
                break;
            case HeartbeatMessageType.Push when message.Payload is ShutdownNotice:
                OnShutdown(message.From, (int)message.A, (int)message.B);
                break;
            case HeartbeatMessageType.Push:
            case HeartbeatMessageType.Ack2:
                var states = (StateSet)message.Payload!;
                MergeAll(states.Table, states.Members);
                break;
            case HeartbeatMessageType.Syn:
                OnSyn(message.From, (MemberTable)message.Payload!);
                break;
            case HeartbeatMessageType.Ack:
                OnAck(message.From, (DigestAck)message.Payload!);
                break;
        }
    }

    /// <summary>
    /// Cassandra's target choice (docs/references.md §2), with <c>fanout</c> live targets instead of one:
    /// live peers; one unreachable with P = U/(L+1); then, unless a live target was a seed and
    /// L ≥ S, a seed (always if L = 0, else with P = S/(L+U)), S counting the seeds other than this
    /// node (Gossiper.buildSeedsList leaves the node itself out).
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
            (_live[i], _live[j]) = (_live[j], _live[i]);
            int target = _live[i];
            _targets[count++] = target;
            toSeed |= IsSeed(target);
        }
        if (_unreachableCount > 0 && Context.Random.NextDouble() < (double)_unreachableCount / (live + 1))
            _targets[count++] = _unreachable[Context.Random.NextInt(_unreachableCount)];
        if (!toSeed || live < _otherSeeds)
        {
            int seed = RandomSeed();
            if (seed >= 0 && (live == 0 || Context.Random.NextDouble() <= (double)_otherSeeds / (live + _unreachableCount)))
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
        ReusablePayload payload = push ? States() : Digests();
        int size = _config.Sizes[type].Of(_knownCount - _removedCount);
        for (int t = 0; t < count; t++)
            SendGossip(_targets[t], new Message { Type = type, SizeBytes = size, Payload = payload });
    }

    /// <summary>
    /// A message of the gossip exchange (SYN, ACK, ACK2, push) on <see cref="HeartbeatConfig.Transport"/>:
    /// a datagram, or a message on the open internode connection, one latency away (Cassandra's
    /// MessagingService sends every gossip verb so; random loss is retransmitted away, a cut stops it).
    /// </summary>
    private void SendGossip(int to, in Message message)
    {
        if (_config.Transport == HeartbeatTransport.Tcp) Context.SendStream(to, message, legs: 1);
        else Context.Send(to, message);
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

    private static bool IsLive(MemberBelief belief) => belief is MemberBelief.Alive or MemberBelief.Suspect;

    private static bool IsHeld(MemberBelief belief) => belief is not (MemberBelief.Unknown or MemberBelief.Removed);

    /// <summary>Every member held (self included, removed ones not), as the push exchange's states.</summary>
    private StateSet States()
    {
        var states = _shared.States.Rent();
        _held.CopyTo(states.Members, 0);
        states.Count = MemberBits.Count(_held);
        states.Table = _table;
        return states;
    }

    /// <summary>A SYN's digests: every member's version, removed ones as not held.</summary>
    private MemberTable Digests()
    {
        if (_removedCount == 0) return _table; // unknown members are (0, 0) already
        // Removed members must look unknown (0, 0): a copy with them hidden, the rare case.
        var digests = _table.Copy();
        for (int m = 0; m < _belief.Length; m++)
            if (_belief[m] == MemberBelief.Removed) digests.Set(m, 0, 0);
        return digests;
    }

    /// <summary>
    /// <see cref="_table"/> for writing: while a message reading it is in flight, the node goes on
    /// with a copy and leaves the original to the message (copy on write).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MemberTable WritableTable()
    {
        if (_table.InFlight) CopyOnWrite();
        return _table;
    }

    private void CopyOnWrite()
    {
        var pinned = _table;
        _table = _spare is { InFlight: false } spare ? pinned.CopyTo(spare) : pinned.Copy();
        _spare = pinned;
    }

    /// <summary>
    /// Cassandra's SYN handling: per digest, ask for what is newer there, send what is newer here
    /// (held members only); digests of members the sender does not hold are skipped. The requests'
    /// digests are this node's own versions, read by the sender from the table the ACK carries:
    /// Cassandra sends (generation, version) when the generations match and (generation, 0) when
    /// not, and where they differ the sender's generation is the higher, so either decides alike.
    /// </summary>
    private void OnSyn(int from, MemberTable digests)
    {
        var ack = _shared.Acks.Rent();
        var requests = ack.Requests;
        var states = ack.States;
        int requestCount = 0, stateCount = 0;
        for (int w = 0; w < requests.Length; w++)
        {
            VersionCompare.Word(digests, _table, w, out ulong newerThere, out ulong newerHere);
            requests[w] = newerThere;
            states[w] = newerHere & digests.Known[w] & _held[w];
            requestCount += BitOperations.PopCount(requests[w]);
            stateCount += BitOperations.PopCount(states[w]);
        }
        ack.RequestCount = requestCount;
        ack.StateCount = stateCount;
        ack.Table = _table;
        int ringBytes = _ring is null ? 0 : RingBytes(states, digests);
        var ackSize = _config.Sizes[HeartbeatMessageType.Ack];
        int size = ackSize.Wire(ackSize.Payload(stateCount) + _config.Sizes[HeartbeatMessageType.Syn].ItemBytes * requestCount + ringBytes);
        if (ringBytes > 0) Context.Emit(ObservationKind.RingBytesSent, from, ringBytes);
        SendGossip(from, new Message { Type = HeartbeatMessageType.Ack, SizeBytes = size, Payload = ack });
    }

    /// <summary>
    /// Cassandra's ACK handling: take the states sent, then send back the states asked for that are
    /// newer here than the asker's digest (held members only).
    /// </summary>
    private void OnAck(int from, DigestAck ack)
    {
        var peer = ack.Table;
        MergeAll(peer, ack.States);
        var reply = _shared.States.Rent();
        var members = reply.Members;
        int count = 0;
        for (int w = 0; w < members.Length; w++)
        {
            ulong asked = ack.Requests[w] & _held[w];
            if (asked != 0)
            {
                VersionCompare.Word(_table, peer, w, out ulong newerHere, out _);
                asked &= newerHere;
            }
            members[w] = asked;
            count += BitOperations.PopCount(asked);
        }
        reply.Count = count;
        reply.Table = _table;
        int ringBytes = _ring is null ? 0 : RingBytes(members, peer);
        SendGossip(from, new Message { Type = HeartbeatMessageType.Ack2, SizeBytes = Ack2Bytes(count, ringBytes), Payload = reply });
        if (ringBytes > 0) Context.Emit(ObservationKind.RingBytesSent, from, ringBytes);
    }

    private int Ack2Bytes(int states, int ringBytes)
    {
        var size = _config.Sizes[HeartbeatMessageType.Ack2];
        return size.Wire(size.Payload(states) + ringBytes);
    }

    /// <summary>With a ring: the bytes of ring state in the states of <paramref name="members"/> sent to a peer whose versions are <paramref name="peer"/>'s.</summary>
    private int RingBytes(ulong[] members, MemberTable peer)
    {
        int ringBytes = 0;
        foreach (int member in MemberBits.Of(members)) ringBytes += RingBytes(member, peer.IncarnationOf(member), peer.HeartbeatOf(member));
        return ringBytes;
    }

    /// <summary>Bytes of ring state a state carries to a peer that knows (incarnation, version) of the member: only what is newer there.</summary>
    private int RingBytes(int member, int peerIncarnation, int peerVersion)
    {
        int tokens = _table.Tokens![member];
        if (tokens == NoTokens || (_table.IncarnationOf(member) <= peerIncarnation && _table.TokensVersion![member] <= peerVersion)) return 0;
        return tokens == LeftStatus ? LeftStatusBytes : _ring!.Settings.CassandraTokensBytes;
    }

    /// <summary>Takes the states of <paramref name="members"/> from <paramref name="source"/>, as merging them in member order would.</summary>
    // Compiled on its own: inlined into the engine's large loop, it would exhaust the JIT's
    // inlining budget before the vector step (VectorMerge.TakeCommon and the record it inlines),
    // which must be inlined to stay fast.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void MergeAll(MemberTable source, ulong[] members)
    {
        if (_exponential is not { } exponential || _ring is not null || !(exponential.SuspectUsPerMeanMs > 0))
        {
            MergeEach(source, members);
            return;
        }
        // Cassandra's detector without a ring: the common arrivals eight members a step, then the
        // others one by one. Every member taken was last heard now, so their judge times are at
        // least now plus the wait of the least mean.
        long now = Context.NowUs;
        var extremes = _vectorMerge!.TakeCommon(source, WritableTable(), members, _aliveOthers, _clocks, _config.Detector.Window, exponential.MaxIntervalMs, now);
        MergeEach(source, _vectorMerge.Rest);
        if (extremes.Any) _nextJudgeUs = Math.Min(_nextJudgeUs, now + MemberClocks.ExponentialWaitUs(exponential.SuspectUsPerMeanMs, extremes.LeastMeanMs()));
    }

    /// <summary>The members one by one, in member order: every detector but Cassandra's, a ring, and the members the vector merge leaves.</summary>
    private void MergeEach(MemberTable source, ulong[] members)
    {
        foreach (int member in MemberBits.Of(members)) Merge(member, source);
    }

    /// <summary>Takes a member's state from <paramref name="source"/> if newer than what is held, and reports the arrival to the detector.</summary>
    private void Merge(int member, MemberTable source)
    {
        if (member == Context.Id || IsQuarantined(member)) return;
        int incarnation = source.IncarnationOf(member);
        int version = source.HeartbeatOf(member);
        var table = WritableTable();
        int heldIncarnation = table.IncarnationOf(member);
        bool newIncarnation = incarnation > heldIncarnation;
        if (!newIncarnation && (incarnation < heldIncarnation || version <= table.HeartbeatOf(member))) return;
        long now = Context.NowUs;
        var belief = _belief[member];
        if (belief == MemberBelief.Unknown) _knownCount++;
        if (belief == MemberBelief.Unknown && !_config.ReportUnknown) Unreported(member, now);
        // Cassandra's notifyFailureDetector clears a restarted member's intervals only if it holds
        // the member down; one it holds up keeps its window and reports one more arrival.
        else if (belief == MemberBelief.Unknown || (newIncarnation && !IsLive(belief))) _detector.FirstArrival(member, now);
        else if (_detector.RecordArrival(member, now)) MemberBits.Set(_aliveOthers, member, belief == MemberBelief.Alive);
        table.Set(member, incarnation, version);
        int tokens = source.Tokens?[member] ?? NoTokens;
        if (_ring is not null && tokens != NoTokens)
        {
            if (tokens != table.Tokens![member]) Context.Emit(ObservationKind.RingTokens, member, tokens == LeftStatus ? -1 : tokens);
            table.Tokens[member] = tokens;
            table.TokensVersion![member] = source.TokensVersion![member];
            if (tokens == LeftStatus)
            {
                if (belief != MemberBelief.Left) Excise(member, now);
                return;
            }
        }
        if (_echoSentUs is not null && AwaitsEcho(belief, newIncarnation)) RequestEcho(member, belief, now);
        // A new generation is marked alive even when the member was held up (handleMajorStateChange:
        // "Node has restarted, now UP"), so the restart is reported with the new generation.
        else if (belief != MemberBelief.Alive || newIncarnation) SetBelief(member, MemberBelief.Alive, ObservationKind.MarkedAlive);
        else LowerNextJudge(member);
    }

    /// <summary>
    /// A member's STATUS LEFT: out of the ring and of the live and unreachable sets
    /// (StorageService.handleStateLeft → excise → Gossiper.removeEndpoint), and, with
    /// <see cref="HeartbeatConfig.QuarantineUs"/>, quarantined from now (quarantineEndpoint).
    /// </summary>
    private void Excise(int member, long now)
    {
        SetBelief(member, MemberBelief.Left, ObservationKind.Removed);
        if (_config.QuarantineUs > 0) (_quarantinedUntilUs ??= new long[_belief.Length])[member] = now + _config.QuarantineUs;
    }

    /// <summary>
    /// Cassandra's justRemovedEndpoints: Gossiper.applyStateLocally ignores every state about a
    /// member removed less than QUARANTINE_DELAY ago, so stale gossip cannot bring it back, nor can
    /// the member itself, restarted with a new generation, until the quarantine ends (Cassandra's
    /// status check drops the entry at its first round after that; here it ends on the dot).
    /// </summary>
    private bool IsQuarantined(int member) => _quarantinedUntilUs is { } until && Context.NowUs < until[member];

    /// <summary>
    /// Whether a newer state goes through Cassandra's markAlive (an ECHO first) rather than marking
    /// the member up: a new endpoint or a new generation (applyStateLocally → handleMajorStateChange,
    /// which calls markAlive for any state but a dead one), or a newer state of a member held
    /// not alive (applyStateLocally's "unless of course, it was dead").
    /// </summary>
    private static bool AwaitsEcho(MemberBelief belief, bool newIncarnation) =>
        newIncarnation || belief is MemberBelief.Unknown or MemberBelief.Dead or MemberBelief.Pending;

    /// <summary>
    /// Cassandra's markAlive: a member is marked up only when it answers an ECHO, so a member whose
    /// replies cannot come back (a one-way cut) stays down however fresh its gossiped heartbeat. A
    /// member held dead stays dead (and unreachable) meanwhile; any other (new, or restarted while
    /// held up) is held <see cref="MemberBelief.Pending"/>: markAlive marks its new state not alive,
    /// which takes it out of the failure detector's convictions (Gossiper.convict skips it) and
    /// reports nothing yet. One ECHO in flight per member, until its reply or its timeout.
    /// </summary>
    private void RequestEcho(int member, MemberBelief belief, long now)
    {
        if (belief != MemberBelief.Dead && belief != MemberBelief.Pending) SetBelief(member, MemberBelief.Pending, kind: null);
        long sent = _echoSentUs![member];
        if (sent != 0 && now - sent < HeartbeatConfig.EchoTimeoutUs) return;
        _echoSentUs[member] = now;
        // Over Cassandra's internode TCP connection (MessagingService), already open: random loss
        // is retransmitted away, where a lost datagram would leave the member pending until the
        // in-flight mark expired. A cut still stops it.
        Context.SendStream(member, new Message { Type = HeartbeatMessageType.EchoReq, SizeBytes = _config.Sizes[HeartbeatMessageType.EchoReq].Of(0) }, legs: 1);
    }

    /// <summary>
    /// A member learned without an arrival reported (<c>report_unknown: false</c>, a what-if: Cassandra's
    /// Gossiper.notifyFailureDetector skips endpoints it does not hold yet, but applyStateLocally then
    /// reports them): no window, so the detector ignores it until its next newer
    /// state opens one (<see cref="ArrivalDetector.RecordArrival"/>), and a member that dies before that is never convicted.
    /// </summary>
    private void Unreported(int member, long now)
    {
        _clocks.LastArrivalUs[member] = now;
        _clocks.ClearWindow(member);
    }

    /// <summary>One member's verdict for this round: suspicion at half the conviction level, conviction, cleanup.</summary>
    private void Judge(int member)
    {
        var belief = _belief[member];
        if (!IsJudged(member, belief)) return;
        switch (_detector.Judge(member, belief, Context.NowUs - _clocks.LastArrivalUs[member], Context.NowUs))
        {
            case Verdict.Removable:
                SetBelief(member, MemberBelief.Removed, ObservationKind.Removed);
                break;
            case Verdict.Failed:
                if (belief != MemberBelief.Dead) SetBelief(member, MemberBelief.Dead, ObservationKind.MarkedDead);
                break;
            case Verdict.Suspect:
                if (belief == MemberBelief.Alive) SetBelief(member, MemberBelief.Suspect, ObservationKind.Suspected);
                break;
        }
    }

    /// <summary>
    /// The judge times (when <see cref="Judge"/> could first change a belief; long.MaxValue if only
    /// an arrival can) of the members first..first + 7, four in
    /// <paramref name="low"/> and four in <paramref name="high"/> (long.MaxValue past the last
    /// member), and a bit per member whose time has come: a round looks at every member eight a step.
    /// </summary>
    private uint Due(int first, long now, out Vector256<long> low, out Vector256<long> high) =>
        _detector.Due(first, now, _aliveOthers, _suspects, out low, out high);

    /// <summary>After the member's arrival or change of belief: its judge time may be the earliest (and the other detectors keep its wait).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LowerNextJudge(int member)
    {
        int wait = JudgeWaitUs(member);
        if (_clocks.JudgeAfterUs is { } kept) kept[member] = wait;
        if (wait != MemberClocks.Never) _nextJudgeUs = Math.Min(_nextJudgeUs, _clocks.LastArrivalUs[member] + wait);
    }

    /// <summary>
    /// How long after the member's last arrival <see cref="Judge"/> could first change its belief,
    /// given its belief and window now: the silence at which the next verdict level is crossed,
    /// rounded down with a margin (the judge itself then decides exactly, so early is only slower,
    /// never different). A dead member under phi waits for an arrival: only a newer state revives it,
    /// and a node does not judge itself. In <see cref="MemberClocks.WaitOf"/>'s form.
    /// </summary>
    private int JudgeWaitUs(int member)
    {
        var belief = _belief[member];
        if (member == Context.Id || !IsJudged(member, belief)) return MemberClocks.Never;
        return _detector.JudgeWaitUs(member, belief);
    }

    /// <summary>
    /// Whether the detector judges the member: one held (not unknown, removed, left, or pending its
    /// ECHO, which Gossiper.convict skips) whose arrival window is open.
    /// </summary>
    private bool IsJudged(int member, MemberBelief belief) =>
        belief is not (MemberBelief.Unknown or MemberBelief.Removed or MemberBelief.Left or MemberBelief.Pending) && _detector.HasWindow(member);

    /// <summary>Moves a member between beliefs, keeps the live and unreachable lists, and reports the change (if <paramref name="kind"/> is given).</summary>
    private void SetBelief(int member, MemberBelief belief, ObservationKind? kind)
    {
        var was = _belief[member];
        bool wasLive = IsLive(was);
        bool isLive = IsLive(belief);
        if (wasLive && !isLive) Remove(_live, ref _liveCount, member);
        if (was == MemberBelief.Dead) Remove(_unreachable, ref _unreachableCount, member);
        if (isLive && !wasLive) _live[_liveCount++] = member;
        if (belief == MemberBelief.Dead) _unreachable[_unreachableCount++] = member;
        _removedCount += (belief == MemberBelief.Removed ? 1 : 0) - (was == MemberBelief.Removed ? 1 : 0);
        _belief[member] = belief;
        MemberBits.Set(_held, member, IsHeld(belief));
        // Members without a window stay out: the vector merge and judge-time look assume one.
        MemberBits.Set(_aliveOthers, member, belief == MemberBelief.Alive && member != Context.Id && _detector.HasWindow(member));
        MemberBits.Set(_suspects, member, belief == MemberBelief.Suspect);
        LowerNextJudge(member);
        if (kind is { } reported) Context.Emit(reported, member, _shared.Generations.ValueOf(member, _table.IncarnationOf(member)));
    }

    /// <summary>Takes a member out of a packed list: the last one moves into its place.</summary>
    private static void Remove(int[] list, ref int count, int member)
    {
        int at = Array.IndexOf(list, member, 0, count);
        list[at] = list[--count];
    }
}
