using BenchmarkDotNet.Attributes;
using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Protocols.Rumor;
using GossipSim.Simulator.Random;

namespace GossipSim.Benchmarks;

/// <summary>
/// View merges: Cassandra's 3-way digest exchange between two heartbeat nodes that each hold newer
/// heartbeats for half of the 1,200 members (SYN, ACK and ACK2 handled, every member compared,
/// half merged each way, the detector's windows updated), a full push merge of 1,200 newer
/// entries, and the rumor kinds' version-table merge. The nodes run behind a stub context that
/// hands messages straight back, so this times the node code alone.
/// </summary>
[MemoryDiagnoser]
public class ViewMergeBenchmarks
{
    private const int Members = 1_200;
    private const long Interval = 1_000_000;
    private StubContext _aContext = null!, _bContext = null!;
    private HeartbeatNode _a = null!, _b = null!;
    /// <summary>The states a third node pushes: newer heartbeats of the odd members to A, of the even ones to B.</summary>
    private readonly MemberTable _pusher = new(Members);
    private StateSet _toA = null!, _toB = null!;
    private int _round;
    private readonly VersionTable _table = new();

    [GlobalSetup]
    public void Setup()
    {
        // A window that never fills: a benchmark runs far more than Cassandra's 1,000 rounds, and a
        // full window takes the member-by-member path, which a ten-minute run at 1 s rounds never does.
        var detector = FailureDetectorSettings.Cassandra() with { Window = int.MaxValue };
        var config = new HeartbeatConfig(Members, Interval, 1, HeartbeatExchange.Digest, detector, [], HeartbeatSizes.Defaults());
        _aContext = new StubContext(0);
        _bContext = new StubContext(1);
        var shared = new HeartbeatShared(Members);
        for (int m = 0; m < Members; m++) shared.Generations.Register(m, 1); // the pusher's members, incarnation 1
        var create = config.NodeFactory(shared);
        _a = (HeartbeatNode)create(_aContext);
        _b = (HeartbeatNode)create(_bContext);
        _a.Start();
        _b.Start();
        _toA = new StateSet(Members) { Table = _pusher, Count = Members / 2 };
        _toB = new StateSet(Members) { Table = _pusher, Count = Members / 2 };
        for (int m = 0; m < Members; m++) MemberBits.Set(m % 2 == 1 ? _toA.Members : _toB.Members, m, true);
        Refresh();
        for (int o = 0; o < 16; o++) _table.Merge(o * 37, 1);
    }

    /// <summary>Odd members get a newer heartbeat at A, even ones at B, so the exchange has half to carry each way.</summary>
    private void Refresh()
    {
        _round++;
        for (int m = 0; m < Members; m++) _pusher.Set(m, 1, _round);
        _aContext.NowUs = _bContext.NowUs = _round * Interval;
        _a.OnMessage(new Message { Type = HeartbeatMessageType.Push, From = 9, To = 0, Payload = _toA });
        _b.OnMessage(new Message { Type = HeartbeatMessageType.Push, From = 9, To = 1, Payload = _toB });
    }

    [Benchmark]
    public void PushMergeOfHalfTheMembers() => Refresh();

    [Benchmark]
    public int DigestExchange()
    {
        Refresh();
        _a.OnTimer(0, 0); // a round: heartbeat, SYN with every digest, then the verdicts
        var syn = _aContext.Sent with { From = 0, To = 1 };
        _b.OnMessage(syn);
        var ack = _bContext.Sent with { From = 1, To = 0 };
        _a.OnMessage(ack);
        var ack2 = _aContext.Sent with { From = 0, To = 1 };
        _b.OnMessage(ack2);
        return ack2.SizeBytes;
    }

    [Benchmark(OperationsPerInvoke = 16)]
    public bool VersionTableMerge()
    {
        bool any = false;
        _round++;
        for (int o = 0; o < 16; o++) any |= _table.Merge(o * 37, _round);
        return any;
    }

    /// <summary>A node context with no simulation behind it: keeps the last message sent, ignores timers and emissions.</summary>
    private sealed class StubContext(int id) : INodeContext
    {
        public int Id { get; } = id;

        public long NowUs { get; set; }

        public Xoshiro256StarStar Random { get; } = new RandomStreams(1).ForNode(id);

        public Message Sent { get; private set; }

        public void Send(int to, in Message message) => Sent = message;

        public void SendStream(int to, in Message message, int legs) => Sent = message;

        public bool OpenStream(int to, in Message message, long dialTimeoutUs)
        {
            Sent = message;
            return true;
        }

        public void SetTimer(int kind, long delayUs, long tag = 0)
        {
        }

        public void CancelTimers(int kind)
        {
        }

        public void Exit()
        {
        }

        public void Emit(ObservationKind kind, int subject, long value = 0)
        {
        }
    }
}
