using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Wire;

namespace GossipSim.Simulator.Protocols.Swim;

// Push-pull (memberlist pushPull / mergeState): the full state over TCP, and its merge.
public sealed partial class SwimNode
{
    // ---- push-pull (memberlist pushPull / mergeState) ------------------------------------

    private long PushPullPeriodUs() => SwimMath.PushPullPeriodUs(_config.PushPullIntervalUs, Math.Max(1, _memberCount));

    /// <summary>
    /// memberlist pushPullTrigger: wait a period scaled by the members known, then pushPull with
    /// one random live member, and only once that returns wait again. The exchange blocks the
    /// trigger's loop: a refused dial returns at once, one nobody answers after its TCPTimeout
    /// dial, an exchange that connects once the reply is merged or its connection deadline
    /// (TCPTimeout) passes. So the period runs from the end of one exchange to the next.
    /// </summary>
    private void PushPullRound()
    {
        if (RandomMembers(1, -1, aliveOnly: true, recentDeadToo: false) == 1)
        {
            long serial = ++_exchangeSerial;
            if (SendPushPull(_picked[0], serial, request: true))
            {
                _pushPullSerial = serial;
                AwaitExchange(serial);
                return;
            }
        }
        // Alone (the seeds never answered): try the seeds again, as an operator's retried join would.
        else if (_memberCount <= 1) JoinSeeds();
        Context.SetTimer(PushPullTimer, PushPullPeriodUs());
    }

    /// <summary>The serial of the periodic exchange awaited, or 0 while none is: a timeout or reply of another fires into nothing.</summary>
    private long _pushPullSerial;

    /// <summary>The periodic exchange is done (merged) or has failed: the next period starts now.</summary>
    private void EndPeriodicExchange()
    {
        _pushPullSerial = 0;
        Context.SetTimer(PushPullTimer, PushPullPeriodUs());
    }

    /// <summary>The index in the seeds of the next one a join tries.</summary>
    private int _joinNext;

    /// <summary>The serial of the exchange with a seed that a join waits for, or 0 while no join is under way.</summary>
    private long _joinSerial;

    /// <summary>
    /// The last serial given to an exchange, joins' and periodic ones' alike, so neither's timeout or
    /// reply matches the other's. Starts at the process's start time (<see cref="Start"/>): a
    /// restart is a new process, and a reply to a request of the one before (serials below that
    /// time) matches none of its exchanges.
    /// </summary>
    private long _exchangeSerial;

    /// <summary>Starts the TCPTimeout of an exchange just sent.</summary>
    private void AwaitExchange(long serial) => Context.SetTimer(ExchangeTimer, _config.TcpTimeoutUs, serial);

    /// <summary>Starts a join with the seeds, unless one is under way.</summary>
    private void JoinSeeds()
    {
        if (_joinSerial != 0) return;
        _joinNext = 0;
        JoinNextSeed();
    }

    /// <summary>
    /// memberlist Join: pushPullNode with each seed in turn, the next once the last one's exchange
    /// is done or has failed. A refused dial fails at once; one nobody answers, or an exchange not
    /// done within TCPTimeout (sendAndReceiveState's connection deadline), after that timeout.
    /// </summary>
    private void JoinNextSeed()
    {
        _joinSerial = 0;
        while (_joinNext < _config.Seeds.Length)
        {
            int seed = _config.Seeds[_joinNext++];
            long serial = ++_exchangeSerial;
            if (seed == _self || (uint)seed >= (uint)_config.NodeCount || !SendPushPull(seed, serial, request: true)) continue;
            _joinSerial = serial;
            AwaitExchange(serial);
            return;
        }
    }

    /// <summary>An exchange timed out: a join goes on to its next seed, the periodic loop to its next period.</summary>
    private void OnExchangeTimeout(long serial)
    {
        if (serial == _joinSerial) JoinNextSeed();
        else if (serial == _pushPullSerial) EndPeriodicExchange();
    }

    /// <summary>
    /// Sends this node's state; false when a request's dial was refused at once. A request carries
    /// its exchange's serial and the reply the request's, so the requester knows which exchange a
    /// reply ends, and that one whose exchange has timed out came on a closed connection.
    /// </summary>
    private bool SendPushPull(int to, long serial, bool request)
    {
        var differences = Scratch.Differences;
        _view.CopyDifferences(_self, differences);
        var snapshot = new SwimStateSnapshot(_view.FollowsBaseline(_self), _view.FoldCount, differences.ToArray(), (int[]?)_tokens?.Clone());
        int metaRows = 0;
        if (_tokens is not null)
        {
            // Every row carries its meta (memberlist pushNodeState.Meta), alive or not.
            for (int node = 0; node < _config.NodeCount; node++)
                if (_tokens[node] >= 0 && View(node).IsMember) metaRows++;
            if (metaRows > 0) Context.Emit(ObservationKind.RingBytesSent, to, metaRows * _broadcasts.MetaSizeBytes);
        }
        // Over TCP, as memberlist's sendAndReceiveState: a new connection for a request (dialled
        // with TCPTimeout), the reply on it.
        var message = new Message
        {
            Type = SwimMessageType.PushPull,
            SizeBytes = MemberlistWire.PushPull(_memberCount, metaRows, _broadcasts.MetaSizeBytes, dialer: request, _config.Compression, _config.Sealing),
            A = request ? 1 : 0,
            B = serial,
            Payload = snapshot,
        };
        if (request) return Context.OpenStream(to, message, _config.TcpTimeoutUs);
        Context.SendStream(to, message, legs: 1);
        return true;
    }

    /// <summary>
    /// Merges the sender's whole state, row by row in ascending member id. Rows that cannot change
    /// this view are skipped: where both views read the same baseline cell (never a suspect), the
    /// row is one this node already holds, and merging it is a no-op in every state.
    /// </summary>
    private void OnPushPull(in Message message)
    {
        // The receiver answers with its own state first, then merges (memberlist handleConn).
        if (message.A == 1) SendPushPull(message.From, message.B, request: false);
        // A reply ends the exchange it answers. One whose exchange has ended (its TCPTimeout passed,
        // or the node restarted since) came on a connection memberlist has closed: never read.
        bool endsJoin = message.A == 0 && message.B == _joinSerial;
        bool endsPeriodic = message.A == 0 && message.B == _pushPullSerial;
        if (message.A == 0 && !endsJoin && !endsPeriodic) return;
        var remote = (SwimStateSnapshot)message.Payload!;
        var columns = Scratch.Columns;
        MergeColumns(remote, columns);
        foreach (int node in columns)
        {
            var row = remote.ViewOf(node, _view);
            int tokens = remote.Tokens?[node] ?? -1;
            switch (row.State)
            {
                case SwimMemberState.Alive: AliveNode(node, row.Incarnation, tokens); break;
                case SwimMemberState.Left: DeadNode(node, row.Incarnation, node); break;
                // A remote death is merged as our own suspicion: we prefer to check before declaring.
                case SwimMemberState.Dead:
                case SwimMemberState.Suspect: SuspectNode(node, row.Incarnation, _self); break;
            }
        }
        // The exchange a join or the periodic loop waits for is merged: on to the next seed or period.
        if (endsJoin) JoinNextSeed();
        else if (endsPeriodic) EndPeriodicExchange();
    }

    /// <summary>The ids whose rows may change this view, ascending: all of them unless both sides follow the baseline.</summary>
    private void MergeColumns(SwimStateSnapshot remote, List<int> into)
    {
        into.Clear();
        if (!remote.FollowsBaseline)
        {
            foreach (var (node, _) in remote.Differences) into.Add(node);
            return;
        }
        if (!_view.FollowsBaseline(_self))
        {
            for (int node = 0; node < _config.NodeCount; node++) into.Add(node);
            return;
        }
        foreach (var (node, _) in remote.Differences) into.Add(node);
        var own = Scratch.Differences;
        _view.CopyDifferences(_self, own);
        foreach (var (node, _) in own) into.Add(node);
        _view.FoldedColumnsSince(remote.FoldCount, into);
        into.Sort();
        int kept = 0;
        for (int i = 0; i < into.Count; i++)
            if (i == 0 || into[i] != into[i - 1]) into[kept++] = into[i];
        into.RemoveRange(kept, into.Count - kept);
    }

    /// <summary>Work lists of push-pull, a packet's broadcasts, the buddy ping and small-list member picks, one set per thread (a SWIM run is never split across threads), so a node costs none.</summary>
    private static class Scratch
    {
        [ThreadStatic] private static List<SwimMemberUpdate>? t_piggyback;
        [ThreadStatic] private static List<(int, SwimMemberView)>? t_differences;
        [ThreadStatic] private static List<int>? t_columns;
        [ThreadStatic] private static List<SwimMemberUpdate>? t_buddyParts;
        [ThreadStatic] private static List<int>? t_members;

        public static List<SwimMemberUpdate> BuddyParts => t_buddyParts ??= new();

        /// <summary>The broadcasts a packet carries, copied into its payload before it is sent.</summary>
        public static List<SwimMemberUpdate> Piggyback => t_piggyback ??= new();

        public static List<(int Column, SwimMemberView Value)> Differences => t_differences ??= new();

        public static List<int> Columns => t_columns ??= new();

        public static List<int> Members => t_members ??= new();
    }
}
