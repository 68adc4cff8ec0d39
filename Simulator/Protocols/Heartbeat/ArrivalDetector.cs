using System.Runtime.Intrinsics;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>What one look at a member's silence concludes (<see cref="ArrivalDetector.Judge"/>).</summary>
internal enum Verdict
{
    None,
    Suspect,
    Failed,
    /// <summary>A dead member silent past T_cleanup: its entry goes (timeout detector only).</summary>
    Removable,
}

/// <summary>
/// The heartbeat family's failure detector, chosen once per node from <see cref="FailureDetectorSettings"/>:
/// how an arrival is recorded in <see cref="MemberClocks"/>, what a member's silence means, and how
/// long after its last arrival a verdict can first change. The node asks it through sealed
/// subclasses, so there is one decision of kind per node, not one per call.
/// </summary>
internal abstract class ArrivalDetector(FailureDetectorSettings settings, MemberClocks clocks)
{
    protected FailureDetectorSettings Settings { get; } = settings;

    /// <summary>The arrival times and windows the detector reads and writes, one array per field.</summary>
    public MemberClocks Clocks { get; } = clocks;

    /// <summary>The detector of <paramref name="config"/>, with clocks for its members shaped as it needs them.</summary>
    public static ArrivalDetector For(HeartbeatConfig config)
    {
        var d = config.Detector;
        int n = config.NodeCount;
        if (d.Kind == DetectorKind.Timeout) return new TimeoutArrivals(d, new MemberClocks(n, keepSquares: false, storeJudgeWaits: true));
        if (d.Model == PhiModel.Normal) return new NormalPhiArrivals(config, new MemberClocks(n, keepSquares: true, storeJudgeWaits: true));
        return new ExponentialPhiArrivals(config, new MemberClocks(n, keepSquares: false, storeJudgeWaits: false));
    }

    /// <summary>Whether the detector has an arrival window for the member.</summary>
    public virtual bool HasWindow(int member) => true;

    /// <summary>A new member or incarnation: a fresh history, heard now.</summary>
    public virtual void FirstArrival(int member, long now)
    {
        Clocks.LastArrivalUs[member] = now;
        Clocks.ClearWindow(member);
    }

    /// <summary>One more heartbeat of a member heard before; true when it opened the member's window.</summary>
    public abstract bool RecordArrival(int member, long now);

    /// <summary>The member's verdict after <paramref name="silenceUs"/> without a newer heartbeat.</summary>
    public abstract Verdict Judge(int member, MemberBelief belief, long silenceUs, long now);

    /// <summary>
    /// How long after the member's last arrival a verdict could first change, for a member the
    /// node holds with a window (<see cref="MemberClocks.WaitOf"/>'s form, rounded down with a margin).
    /// </summary>
    public abstract int JudgeWaitUs(int member, MemberBelief belief);

    /// <summary>The judge times of members first..first + 7 and a bit per member whose time has come (<see cref="MemberClocks.DueStored"/>).</summary>
    public virtual uint Due(int first, long now, ulong[] aliveOthers, ulong[] suspects, out Vector256<long> low, out Vector256<long> high) =>
        Clocks.DueStored(first, now, out low, out high);
}

/// <summary>van Renesse et al.'s timeout, with the simulator's suspicion at T_fail / 2 (<see cref="TimeoutDetector"/>).</summary>
internal sealed class TimeoutArrivals(FailureDetectorSettings settings, MemberClocks clocks) : ArrivalDetector(settings, clocks)
{
    public override bool RecordArrival(int member, long now)
    {
        Clocks.LastArrivalUs[member] = now;
        return false;
    }

    public override Verdict Judge(int member, MemberBelief belief, long silenceUs, long now)
    {
        if (belief == MemberBelief.Dead && TimeoutDetector.IsRemovable(silenceUs, Settings.CleanupUs)) return Verdict.Removable;
        if (TimeoutDetector.IsFailed(silenceUs, Settings.FailUs)) return Verdict.Failed;
        return TimeoutDetector.IsSuspect(silenceUs, Settings.FailUs) ? Verdict.Suspect : Verdict.None;
    }

    public override int JudgeWaitUs(int member, MemberBelief belief)
    {
        long silenceUs = belief switch
        {
            MemberBelief.Alive => Settings.FailUs / 2,
            MemberBelief.Suspect => Settings.FailUs,
            _ => Settings.CleanupUs,
        };
        return silenceUs >= long.MaxValue - Clocks.LastArrivalUs[member] ? MemberClocks.Never : (int)Math.Min(silenceUs, MemberClocks.Never - 1);
    }
}

/// <summary>Akka's phi under a normal model (docs/references.md §3): available iff φ &lt; threshold.</summary>
internal sealed class NormalPhiArrivals(HeartbeatConfig config, MemberClocks clocks) : ArrivalDetector(config.Detector, clocks)
{
    /// <summary>Akka seeds μ0 ± μ0/4 with μ0 the heartbeat interval.</summary>
    private readonly double _mu0 = config.IntervalUs / 1000.0;

    public override void FirstArrival(int member, long now)
    {
        base.FirstArrival(member, now);
        Clocks.Add(member, _mu0 - _mu0 / 4, Settings.Window);
        Clocks.Add(member, _mu0 + _mu0 / 4, Settings.Window);
    }

    public override bool RecordArrival(int member, long now)
    {
        // Akka records an interval only if the member is still available.
        if (Phi(member, now) < Settings.Threshold)
            Clocks.Add(member, (now - Clocks.LastArrivalUs[member]) / 1000.0, Settings.Window);
        Clocks.LastArrivalUs[member] = now;
        return false;
    }

    public override Verdict Judge(int member, MemberBelief belief, long silenceUs, long now)
    {
        double phi = Phi(member, now);
        if (phi >= Settings.Threshold) return Verdict.Failed;
        return phi >= Settings.Threshold / 2 ? Verdict.Suspect : Verdict.None;
    }

    public override int JudgeWaitUs(int member, MemberBelief belief)
    {
        // A dead member waits for an arrival: only a newer state revives it.
        if (belief == MemberBelief.Dead) return MemberClocks.Never;
        // At silence <= mean, φ <= -log10(1/2) = 0.30103 whatever the deviation, so below the mean
        // no level above 0.302 is reached.
        double level = belief == MemberBelief.Alive ? Settings.Threshold / 2 : Settings.Threshold;
        double pausedMean = Clocks.MeanMs(member) + Settings.AcceptablePauseUs / 1000.0;
        if (!(level > 0.302) || !(pausedMean > 0) || !double.IsFinite(pausedMean)) return 0;
        return MemberClocks.WaitOf(Math.Floor(pausedMean * 1000 * (1 - 1e-9)) - 1);
    }

    private double Phi(int member, long now)
    {
        double mean = Clocks.MeanMs(member) + Settings.AcceptablePauseUs / 1000.0;
        double sd = Math.Max(Clocks.StdDevMs(member), Settings.MinStdUs / 1000.0);
        return PhiAccrual.PhiNormal((now - Clocks.LastArrivalUs[member]) / 1000.0, mean, sd);
    }
}

/// <summary>
/// Cassandra's phi under the exponential model (docs/references.md §2). Judge times are not stored:
/// a round derives them from tLast and the window (<see cref="MemberClocks.DueExponential"/>).
/// </summary>
internal sealed class ExponentialPhiArrivals : ArrivalDetector
{
    private readonly double _initialIntervalMs, _maxIntervalMs;

    public ExponentialPhiArrivals(HeartbeatConfig config, MemberClocks clocks) : base(config.Detector, clocks)
    {
        _initialIntervalMs = config.InitialIntervalMs;
        _maxIntervalMs = config.MaxIntervalMs;
        // PhiFactor * (silence / mean) > level  <=>  silence > level / PhiFactor * mean; shaved by a
        // relative 1e-9 so that rounding can only make the bound early.
        SuspectUsPerMeanMs = Settings.Threshold / 2 / PhiAccrual.PhiFactor * 1000 * (1 - 1e-9);
        ConvictUsPerMeanMs = Settings.Threshold / PhiAccrual.PhiFactor * 1000 * (1 - 1e-9);
    }

    /// <summary>Microseconds of silence per millisecond of mean interval at which suspicion can first be reached, with a margin.</summary>
    public double SuspectUsPerMeanMs { get; }

    /// <summary>As <see cref="SuspectUsPerMeanMs"/>, for conviction.</summary>
    public double ConvictUsPerMeanMs { get; }

    /// <summary>Arrivals are recorded at most this many milliseconds apart (Cassandra's MAX_INTERVAL).</summary>
    public double MaxIntervalMs => _maxIntervalMs;

    /// <summary>A member learned unreported has none until its next newer state.</summary>
    public override bool HasWindow(int member) => Clocks.WindowCount[member] > 0;

    /// <summary>Cassandra adds INITIAL_VALUE as the first sample.</summary>
    public override void FirstArrival(int member, long now)
    {
        base.FirstArrival(member, now);
        Clocks.Add(member, _initialIntervalMs, Settings.Window);
    }

    public override bool RecordArrival(int member, long now)
    {
        if (Clocks.WindowCount[member] == 0)
        {
            // The first report opens the window with INITIAL_VALUE, as ArrivalWindow.add does.
            FirstArrival(member, now);
            return true;
        }
        Clocks.RecordExponential(member, now, _maxIntervalMs, Settings.Window);
        return false;
    }

    public override Verdict Judge(int member, MemberBelief belief, long silenceUs, long now)
    {
        double phi = PhiAccrual.PhiExponential(silenceUs / 1000.0, Clocks.MeanMs(member));
        if (PhiAccrual.ExponentialConvicts(phi, Settings.Threshold)) return Verdict.Failed;
        return PhiAccrual.ExponentialConvicts(phi, Settings.Threshold / 2) ? Verdict.Suspect : Verdict.None;
    }

    public override int JudgeWaitUs(int member, MemberBelief belief) =>
        belief == MemberBelief.Dead ? MemberClocks.Never
            : MemberClocks.ExponentialWaitUs(belief == MemberBelief.Alive ? SuspectUsPerMeanMs : ConvictUsPerMeanMs, Clocks.MeanMs(member));

    public override uint Due(int first, long now, ulong[] aliveOthers, ulong[] suspects, out Vector256<long> low, out Vector256<long> high)
    {
        int word = first / MemberBits.WordBits, step = first % MemberBits.WordBits;
        uint alive = (uint)(aliveOthers[word] >> step) & 0xFF, suspect = (uint)(suspects[word] >> step) & 0xFF;
        return Clocks.DueExponential(first, alive, suspect, SuspectUsPerMeanMs, ConvictUsPerMeanMs, now, out low, out high);
    }
}
