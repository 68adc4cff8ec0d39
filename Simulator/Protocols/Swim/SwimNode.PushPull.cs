using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Wire;

namespace GossipSim.Simulator.Protocols.Swim;

// Push-pull (memberlist pushPull / mergeState): the full state over TCP, and its merge.
public sealed partial class SwimNode
{
    // ---- push-pull (memberlist pushPull / mergeState) ------------------------------------

    private long PushPullPeriodUs() => SwimMath.PushPullPeriodUs(_config.PushPullIntervalUs, Math.Max(1, _memberCount));

    private void PushPullRound()
    {
        if (RandomMembers(1, -1, aliveOnly: true, recentDeadToo: false) == 1) SendPushPull(_picked[0], request: true);
        // Alone (the seeds never answered): try the seeds again, as an operator's retried join would.
        else if (_memberCount <= 1) JoinSeeds();
    }

    /// <summary>The index in the seeds of the next one a join tries.</summary>
    private int _joinNext;

    /// <summary>The seed whose push-pull a join waits for, or -1 while no join is under way.</summary>
    private int _joinAwaiting = -1;

    /// <summary>Tags a join's timeout, so the timer of an earlier seed's exchange fires into nothing.</summary>
    private int _joinSerial;

    /// <summary>Starts a join with the seeds, unless one is under way.</summary>
    private void JoinSeeds()
    {
        if (_joinAwaiting >= 0) return;
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
        _joinAwaiting = -1;
        while (_joinNext < _config.Seeds.Length)
        {
            int seed = _config.Seeds[_joinNext++];
            if (seed == _self || (uint)seed >= (uint)_config.NodeCount || !SendPushPull(seed, request: true)) continue;
            _joinAwaiting = seed;
            Context.SetTimer(JoinTimer, _config.TcpTimeoutUs, ++_joinSerial);
            return;
        }
    }

    /// <summary>The join's exchange with a seed timed out: on to the next seed.</summary>
    private void OnJoinTimeout(long serial)
    {
        if (_joinAwaiting >= 0 && serial == _joinSerial) JoinNextSeed();
    }

    /// <summary>Sends this node's state; false when a request's dial was refused at once.</summary>
    private bool SendPushPull(int to, bool request)
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
            SizeBytes = MemberlistWire.PushPull(_memberCount, metaRows, _broadcasts.MetaSizeBytes, dialer: request, _config.Compression),
            A = request ? 1 : 0,
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
        if (message.A == 1) SendPushPull(message.From, request: false);
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
        // The seed a join waits for has answered and its state is merged: on to the next seed.
        if (message.A == 0 && message.From == _joinAwaiting) JoinNextSeed();
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

    /// <summary>Work lists of push-pull, the buddy ping and small-list member picks, one set per thread (a SWIM run is never split across threads), so a node costs none.</summary>
    private static class Scratch
    {
        [ThreadStatic] private static List<(int, SwimMemberView)>? t_differences;
        [ThreadStatic] private static List<int>? t_columns;
        [ThreadStatic] private static List<SwimMemberUpdate>? t_buddyParts;
        [ThreadStatic] private static List<int>? t_members;

        public static List<SwimMemberUpdate> BuddyParts => t_buddyParts ??= new();

        public static List<(int Column, SwimMemberView Value)> Differences => t_differences ??= new();

        public static List<int> Columns => t_columns ??= new();

        public static List<int> Members => t_members ??= new();
    }
}
