namespace GossipSim.Simulator.Protocols.Swim;

// Suspicion timers and independent confirmations (memberlist suspicion.go).
public sealed partial class SwimNode
{
    /// <summary>Open suspicions by suspected member: in a partition a node holds one about each member across it, so they are looked up, not searched.</summary>
    private readonly Dictionary<int, Suspicion> _suspicions = new();
    private int _suspicionSerial;

    // ---- suspicion timers (memberlist suspicion.go) ---------------------------------------

    private void StartSuspicion(int node, int accuser)
    {
        int n = _memberCount;
        int k = SwimMath.ExpectedConfirmations(_config.SuspicionMult, n);
        long minUs = SwimMath.SuspicionMinUs(_config.SuspicionMult, n, _config.ProbeIntervalUs);
        long maxUs = SwimMath.SuspicionMaxUs(_config.SuspicionMaxTimeoutMult, minUs);
        // Without Lifeguard's dynamic timeout, SWIM's fixed suspicion timeout is the Min.
        long timeoutUs = _config.Lifeguard.Lhs && k >= 1 ? maxUs : minUs;
        var s = new Suspicion(node, ++_suspicionSerial, Context.NowUs, k, minUs, maxUs, Context.NowUs + timeoutUs);
        s.Confirmers.Add(accuser);
        _suspicions.Add(node, s);
        Context.SetTimer(SuspicionTimer, timeoutUs, SuspicionTag(s));
    }

    /// <summary>Counts a distinct confirmer (the accuser excluded, at most K); with lhs the deadline falls.</summary>
    private bool Confirm(Suspicion s, int from)
    {
        if (s.Confirmations >= s.K || s.Confirmers.Contains(from)) return false;
        s.Confirmers.Add(from);
        s.Confirmations++;
        if (!_config.Lifeguard.Lhs) return true;
        long deadlineUs = s.StartUs + SwimMath.SuspicionTimeoutUs(s.Confirmations, s.K, s.MinUs, s.MaxUs);
        if (deadlineUs >= s.DeadlineUs) return true;
        s.DeadlineUs = deadlineUs;
        // A deadline already past fires as soon as the current message is done (memberlist: go timeoutFn()).
        Context.SetTimer(SuspicionTimer, deadlineUs - Context.NowUs, SuspicionTag(s));
        return true;
    }

    private void OnSuspicionTimer(int node, int serial)
    {
        var s = FindSuspicion(node);
        if (s is null || s.Serial != serial || Context.NowUs < s.DeadlineUs) return;
        DeadNode(node, IncarnationOf(node), _self);
    }

    private static long SuspicionTag(Suspicion s) => (long)(((ulong)(uint)s.Serial << 32) | (uint)s.Node);

    private Suspicion? FindSuspicion(int node) => _suspicions.GetValueOrDefault(node);

    private void RemoveSuspicion(int node) => _suspicions.Remove(node);

    private sealed class Suspicion(int node, int serial, long startUs, int k, long minUs, long maxUs, long deadlineUs)
    {
        public int Node { get; } = node;
        public int Serial { get; } = serial;
        public long StartUs { get; } = startUs;
        public int K { get; } = k;
        public long MinUs { get; } = minUs;
        public long MaxUs { get; } = maxUs;
        public long DeadlineUs { get; set; } = deadlineUs;
        public int Confirmations { get; set; }
        /// <summary>The accuser and each confirmer: one confirmation per peer.</summary>
        public List<int> Confirmers { get; } = new(4);
    }
}
