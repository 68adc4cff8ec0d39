using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;

namespace GossipSim.Simulator.Protocols.Rumor;

/// <summary>
/// Epidemic dissemination of application updates (Demers et al., PODC 1987): every interval a
/// node contacts <c>fanout</c> distinct uniform peers and pushes, pulls, or both. Anti-entropy
/// exchanges everything the node holds; rumor mongering exchanges only hot rumors, which go cold
/// by the configured stop rule.
/// </summary>
public sealed class RumorNode : ProtocolNode
{
    private const int TickTimer = 0;

    /// <summary>What the run's nodes share: the settings and the scratch a handler fills and sends.</summary>
    private readonly RumorShared _shared;
    private RumorConfig Config => _shared.Config;
    // Everything a node owns is allocated here, together: the allocator places it in one run of
    // memory, so handling a message touches a few adjacent cache lines (one page) of this node.
    private VersionTable _table = new();
    /// <summary>Hot rumors in the order they became hot; only the first <see cref="_hotCount"/> are used.</summary>
    private HotRumor[] _hot;
    private int _hotCount;
    /// <summary>When this node's last round began: a hot rumor learned before it has been passed on.</summary>
    private long _lastTickUs = long.MinValue;

    /// <param name="context">The engine's side of this node.</param>
    /// <param name="shared">What the run's nodes share.</param>
    public RumorNode(INodeContext context, RumorShared shared) : base(context)
    {
        _shared = shared;
        _hot = Config.Mode == SpreadMode.Rumor ? new HotRumor[1] : [];
    }

    /// <summary>Rumors this node still spreads: zero once it has lost interest in every one.</summary>
    public int HotCount => _hotCount;

    public override void Start()
    {
        long phase = Config.AlignedPhase ? 0 : Context.Random.NextInclusive(0, Config.IntervalUs - 1);
        Context.SetTimer(TickTimer, phase);
    }

    public override void OnTimer(int kind, long tag)
    {
        Context.SetTimer(TickTimer, Config.IntervalUs);
        _lastTickUs = Context.NowUs;
        PeerSampler.Distinct(Context.Random, Config.NodeCount, Context.Id, _shared.Peers);
        bool rumor = Config.Mode == SpreadMode.Rumor;
        bool push = Config.Direction != Direction.Pull;
        bool pull = Config.Direction != Direction.Push;
        if (push && (!rumor || _hotCount > 0))
        {
            int type = !rumor && pull ? RumorMessageType.PushPull : RumorMessageType.Push;
            // One message (and one payload array) serves every peer of this tick.
            var message = rumor ? Pack(type, CollectHot()) : PackTable(type);
            Context.SendToEach(_shared.Peers, message);
            if (rumor && !Config.Feedback)
                for (int contact = 0; contact < _shared.Peers.Length; contact++) CountAllHot();
        }
        if (pull && (rumor || !push))
        {
            var request = PackTable(RumorMessageType.PullRequest);
            Context.SendToEach(_shared.Peers, request);
        }
    }

    public override void OnMessage(in Message message)
    {
        switch (message.Type)
        {
            case RumorMessageType.Push:
            case RumorMessageType.PushPull:
                OnPush(message);
                break;
            case RumorMessageType.PullRequest:
                OnPullRequest(message);
                break;
            case RumorMessageType.PullReply:
                MergeAll(message, listKnown: false);
                break;
            case RumorMessageType.Feedback when _shared.ResetCounter:
                // Every hot rumor was in the push this answers (one learned since starts at 0
                // anyway): a listed one was an unnecessary contact, any other a necessary one.
                for (int h = _hotCount - 1; h >= 0; h--)
                {
                    if (Listed(message, _hot[h].Origin, _table.VersionOf(_hot[h].Origin))) CountContact(h);
                    else _hot[h] = _hot[h] with { Contacts = 0 };
                }
                break;
            case RumorMessageType.Feedback:
                for (int i = 0, n = EntryCodec.Count(message); i < n; i++)
                {
                    var e = EntryCodec.At(message, i);
                    int h = HotIndex(e.Origin);
                    if (h >= 0 && _table.VersionOf(e.Origin) == e.Version) CountContact(h);
                }
                break;
        }
    }

    public override void OnLocalUpdate(long version) => Learn(Context.Id, version);

    private void OnPush(in Message message)
    {
        bool wantFeedback = Config.Mode == SpreadMode.Rumor && Config.Feedback;
        var alreadyKnown = MergeAll(message, listKnown: wantFeedback);
        if (_shared.ResetCounter)
        {
            // Unnecessary only if this node has passed the rumor on; answered even when empty, so
            // that the pusher resets its counters.
            KeepPassedOn(alreadyKnown!);
            Send(message.From, RumorMessageType.Feedback, alreadyKnown!);
        }
        else if (alreadyKnown is { Count: > 0 }) Send(message.From, RumorMessageType.Feedback, alreadyKnown);
        if (message.Type == RumorMessageType.PushPull)
        {
            // Reply with what the pusher lacks: entries it did not carry, or carried older.
            Send(message.From, RumorMessageType.PullReply, Missing(message));
        }
    }

    private void OnPullRequest(in Message request)
    {
        if (Config.Mode == SpreadMode.AntiEntropy)
        {
            Send(request.From, RumorMessageType.PullReply, Missing(request));
            return;
        }
        var reply = _shared.Entries;
        reply.Clear();
        for (int h = _hotCount - 1; h >= 0; h--)
        {
            var mine = new VersionEntry(_hot[h].Origin, _table.VersionOf(_hot[h].Origin));
            bool peerKnew = VersionIn(request, mine.Origin) >= mine.Version;
            if (!peerKnew) reply.Add(mine);
            if (peerKnew || !Config.Feedback) CountContact(h);
            else if (_shared.ResetCounter) _hot[h] = _hot[h] with { Contacts = 0 };
        }
        Send(request.From, RumorMessageType.PullReply, reply);
    }

    /// <summary>The entries of this table that <paramref name="peer"/>'s message did not carry, or carried older.</summary>
    private List<VersionEntry> Missing(in Message peer)
    {
        var missing = _shared.Entries;
        missing.Clear();
        for (int i = 0; i < _table.Count; i++)
        {
            var mine = _table[i];
            if (mine.Version > VersionIn(peer, mine.Origin)) missing.Add(mine);
        }
        return missing;
    }

    /// <summary>
    /// Learns every entry of the message; with <paramref name="listKnown"/> returns those that were
    /// not news (for feedback), otherwise null, gathering nothing.
    /// </summary>
    private List<VersionEntry>? MergeAll(in Message message, bool listKnown)
    {
        var alreadyKnown = listKnown ? _shared.Entries : null;
        alreadyKnown?.Clear();
        if (message.Payload is null)
        {
            // The common single entry: no array to walk.
            if (message.A >= 0 && !Learn((int)message.A, message.B)) alreadyKnown?.Add(new VersionEntry((int)message.A, message.B));
            return alreadyKnown;
        }
        foreach (var e in (VersionEntry[])message.Payload)
            if (!Learn(e.Origin, e.Version)) alreadyKnown?.Add(e);
        return alreadyKnown;
    }

    private bool Learn(int origin, long version)
    {
        if (!_table.Merge(origin, version)) return false;
        Context.Emit(ObservationKind.LearnedVersion, origin, version);
        if (Config.Mode == SpreadMode.Rumor)
        {
            int h = HotIndex(origin);
            if (h >= 0) _hot[h] = new HotRumor(origin, 0, Context.NowUs);
            else
            {
                if (_hotCount == _hot.Length) Array.Resize(ref _hot, _hotCount * 2);
                _hot[_hotCount++] = new HotRumor(origin, 0, Context.NowUs);
            }
        }
        return true;
    }

    private void Send(int to, int type, List<VersionEntry> entries) => Context.Send(to, Pack(type, entries));

    private Message Pack(int type, List<VersionEntry> entries)
    {
        var message = new Message { Type = type, SizeBytes = Config.Sizes[type].Of(entries.Count) };
        EntryCodec.Write(ref message, entries);
        return message;
    }

    /// <summary>The whole table; its payload is the table's snapshot, shared until the table changes.</summary>
    private Message PackTable(int type)
    {
        var message = new Message { Type = type, SizeBytes = Config.Sizes[type].Of(_table.Count) };
        EntryCodec.Write(ref message, ref _table);
        return message;
    }

    private List<VersionEntry> CollectHot()
    {
        var hot = _shared.Entries;
        hot.Clear();
        for (int h = 0; h < _hotCount; h++) hot.Add(new VersionEntry(_hot[h].Origin, _table.VersionOf(_hot[h].Origin)));
        return hot;
    }

    private void CountAllHot()
    {
        for (int h = _hotCount - 1; h >= 0; h--) CountContact(h);
    }

    /// <summary>One contact that counts toward the stop rule of hot rumor <paramref name="h"/>.</summary>
    private void CountContact(int h)
    {
        switch (Config.Stop)
        {
            case StopRule.Counter:
                var r = _hot[h];
                if (r.Contacts + 1 >= Config.StopK) RemoveHot(h);
                else _hot[h] = r with { Contacts = r.Contacts + 1 };
                break;
            case StopRule.Coin:
                if (Context.Random.NextInt(Config.StopK) == 0) RemoveHot(h);
                break;
        }
    }

    /// <summary>Rumor <paramref name="h"/> goes cold; the others keep their order.</summary>
    private void RemoveHot(int h)
    {
        _hotCount--;
        Array.Copy(_hot, h + 1, _hot, h, _hotCount - h);
    }

    private int HotIndex(int origin)
    {
        for (int h = 0; h < _hotCount; h++) if (_hot[h].Origin == origin) return h;
        return -1;
    }

    private static long VersionIn(in Message message, int origin)
    {
        for (int i = 0, n = EntryCodec.Count(message); i < n; i++)
        {
            var e = EntryCodec.At(message, i);
            if (e.Origin == origin) return e.Version;
        }
        return 0;
    }

    /// <summary>Whether the message lists this version of the origin's rumor.</summary>
    private static bool Listed(in Message message, int origin, long version)
    {
        for (int i = 0, n = EntryCodec.Count(message); i < n; i++)
        {
            var e = EntryCodec.At(message, i);
            if (e.Origin == origin && e.Version == version) return true;
        }
        return false;
    }

    /// <summary>
    /// Drops the known rumors this node has not passed on yet (still hot, and learned after its
    /// last round began), in place and in order: those contacts were necessary.
    /// </summary>
    private void KeepPassedOn(List<VersionEntry> known)
    {
        int kept = 0;
        for (int i = 0; i < known.Count; i++)
        {
            int h = HotIndex(known[i].Origin);
            if (h < 0 || _hot[h].LearnedUs <= _lastTickUs) known[kept++] = known[i];
        }
        known.RemoveRange(kept, known.Count - kept);
    }

    /// <param name="Origin">The node whose item the rumor carries.</param>
    /// <param name="Contacts">The contacts that count towards the stop rule so far.</param>
    /// <param name="LearnedUs">When this node learned the rumor's current version.</param>
    private readonly record struct HotRumor(int Origin, int Contacts, long LearnedUs);
}
