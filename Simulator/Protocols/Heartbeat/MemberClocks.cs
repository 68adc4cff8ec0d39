using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GossipSim.Simulator.Protocols.Heartbeat;

/// <summary>
/// The failure detector's state of every member as one node holds it, one array per field: when
/// the member's heartbeat last rose (tLast) and its inter-arrival window as running sums
/// (milliseconds).
/// The window is exact while it holds fewer than <c>window</c> samples. Once full, the oldest
/// sample is taken to equal the window's current mean (and mean square) instead of being stored:
/// keeping 1,000 samples for each of n² (observer, member) pairs would need 1.4 G samples at 1,200
/// nodes. The window then behaves as an exponential average with weight 1/window, whose mean and
/// spread match the exact window's in steady state. Runs shorter than window × interval (16 min at
/// Cassandra's defaults) are exact. The sum of squares is kept only for Akka's normal model, the
/// one that reads the spread.
/// Separate arrays let an exchange update the arrivals of four members per vector instruction
/// (<see cref="RecordExponential(int, Vector256{int}, long, double, ref WindowExtremes)"/>).
/// Under Cassandra's detector no judge time is stored: the node derives it from these fields when
/// a round looks (<see cref="DueExponential"/>). A stored one added a quarter to the bytes its
/// vector merge writes, for rounds that look about one time in five at 1,200 nodes. The other
/// detectors merge member by member and compute each member's wait there anyway, so they keep it
/// (<see cref="JudgeAfterUs"/>) and their rounds only read it (<see cref="DueStored"/>).
/// </summary>
public sealed class MemberClocks
{
    /// <summary>A judge wait (<see cref="WaitOf"/>): no verdict can change until something arrives.</summary>
    public const int Never = int.MaxValue;

    public MemberClocks(int nodeCount, bool keepSquares, bool storeJudgeWaits = false)
    {
        int length = MemberBits.Padded(nodeCount);
        LastArrivalUs = new long[length];
        WindowSum = new double[length];
        WindowCount = new int[length];
        if (keepSquares) WindowSquares = new double[length];
        if (storeJudgeWaits)
        {
            JudgeAfterUs = new int[length];
            Array.Fill(JudgeAfterUs, Never);
        }
    }

    public long[] LastArrivalUs { get; }

    public double[] WindowSum { get; }

    public int[] WindowCount { get; }

    public double[]? WindowSquares { get; }

    /// <summary>
    /// When kept: microseconds after <see cref="LastArrivalUs"/> before which the member's verdict
    /// cannot change (silence only grows until the next arrival, and every detector is monotone in
    /// silence), set conservatively early (<see cref="WaitOf"/>).
    /// </summary>
    public int[]? JudgeAfterUs { get; }

    public double MeanMs(int member) => WindowCount[member] == 0 ? 0 : WindowSum[member] / WindowCount[member];

    /// <summary>Population standard deviation, as Akka's HeartbeatHistory computes it.</summary>
    public double StdDevMs(int member)
    {
        int count = WindowCount[member];
        if (count == 0) return 0;
        double mean = WindowSum[member] / count;
        return Math.Sqrt(Math.Max(0, WindowSquares![member] / count - mean * mean));
    }

    public void ClearWindow(int member)
    {
        WindowSum[member] = 0;
        WindowCount[member] = 0;
        if (WindowSquares is not null) WindowSquares[member] = 0;
    }

    public void Add(int member, double intervalMs, int window)
    {
        ref double sum = ref WindowSum[member];
        ref int count = ref WindowCount[member];
        if (count >= window)
        {
            sum -= sum / count;
            if (WindowSquares is not null) WindowSquares[member] -= WindowSquares[member] / count;
            count--;
        }
        sum += intervalMs;
        if (WindowSquares is not null) WindowSquares[member] += intervalMs * intervalMs;
        count++;
    }

    /// <summary>
    /// A judge wait in microseconds as an int: 0 for no positive wait, <see cref="Never"/> for an
    /// absurd one, and a wait longer than an int holds (35 min) as the longest one, which is only earlier.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WaitOf(double waitUs) =>
        !(waitUs > 0) ? 0 : waitUs < Never - 1 ? (int)waitUs : waitUs >= AbsurdWaitUs ? Never : Never - 1;

    private const double AbsurdWaitUs = 1e18;

    /// <summary>Under Cassandra's exponential phi, the judge wait of a member whose window has this mean: silence of usPerMeanMs × mean, already shaved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ExponentialWaitUs(double usPerMeanMs, double meanMs) =>
        meanMs > 0 && double.IsFinite(meanMs) && usPerMeanMs > 0 ? WaitOf(usPerMeanMs * meanMs - 1) : 0;

    /// <summary>An arrival under Cassandra's model, which ignores intervals above MAX_INTERVAL (docs/references.md §2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordExponential(int member, long now, double maxIntervalMs, int window)
    {
        double intervalMs = (now - LastArrivalUs[member]) / 1000.0;
        if (intervalMs <= maxIntervalMs) Add(member, intervalMs, window);
        LastArrivalUs[member] = now;
    }

    /// <summary>
    /// <see cref="RecordExponential(int, long, double, int)"/> for the members first + i of the
    /// lanes i set (-1) in <paramref name="lanes"/>, eight at once, with the same floating-point
    /// operations in the same order (so the same bits), and their new window sums and counts taken
    /// into <paramref name="extremes"/>. The caller guarantees that each such member's window holds
    /// at least one sample and is not full.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordExponential(int first, Vector256<int> lanes, long now, double maxIntervalMs, ref WindowExtremes extremes)
    {
        var at = (nuint)first;
        ref long last = ref MemoryMarshal.GetArrayDataReference(LastArrivalUs);
        ref double sums = ref MemoryMarshal.GetArrayDataReference(WindowSum);
        ref int counts = ref MemoryMarshal.GetArrayDataReference(WindowCount);
        var nowUs = Vector256.Create(now);
        // Two halves of four: longs and doubles take four lanes a vector, counts eight.
        var laneLo = Vector256.WidenLower(lanes);
        var laneHi = Vector256.WidenUpper(lanes);
        var addLo = ArrivalHalf(ref last, ref sums, at, laneLo, nowUs, maxIntervalMs, out var sumLo);
        var addHi = ArrivalHalf(ref last, ref sums, at + 4, laneHi, nowUs, maxIntervalMs, out var sumHi);
        var count = Vector256.LoadUnsafe(ref counts, at) - Vector256.Narrow(addLo, addHi);
        count.StoreUnsafe(ref counts, at);
        var none = Vector256.Create(double.PositiveInfinity);
        extremes.LeastSum = Vector256.MinNative(extremes.LeastSum, Vector256.MinNative(
            Vector256.ConditionalSelect(laneLo.AsDouble(), sumLo, none), Vector256.ConditionalSelect(laneHi.AsDouble(), sumHi, none)));
        extremes.MostCount = Vector256.Max(extremes.MostCount, lanes & count);
    }

    /// <summary>Four lanes' interval, window sum (the new one in <paramref name="sum"/>) and tLast; returns -1 in the lanes whose interval was added to the window.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> ArrivalHalf(ref long last, ref double sums, nuint at, Vector256<long> lanes, Vector256<long> now, double maxIntervalMs, out Vector256<double> sum)
    {
        var lastUs = Vector256.LoadUnsafe(ref last, at);
        var intervalMs = ExactDouble(now - lastUs) / Vector256.Create(1000.0);
        var add = lanes & Vector256.LessThanOrEqual(intervalMs, Vector256.Create(maxIntervalMs)).AsInt64();
        var held = Vector256.LoadUnsafe(ref sums, at);
        sum = Vector256.ConditionalSelect(add.AsDouble(), held + intervalMs, held);
        sum.StoreUnsafe(ref sums, at);
        Vector256.ConditionalSelect(lanes, now, lastUs).StoreUnsafe(ref last, at);
        return add;
    }

    /// <summary>
    /// From the kept waits (<see cref="JudgeAfterUs"/>): the judge times of the members
    /// first..first + 7, four in <paramref name="low"/> and four in <paramref name="high"/>
    /// (long.MaxValue for <see cref="Never"/>), and a bit per member whose time has come by <paramref name="now"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint DueStored(int first, long now, out Vector256<long> low, out Vector256<long> high)
    {
        var at = (nuint)first;
        ref long last = ref MemoryMarshal.GetArrayDataReference(LastArrivalUs);
        var after = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(JudgeAfterUs!), at);
        var never = Vector256.Equals(after, Vector256.Create(Never));
        low = StoredTimes(Vector256.LoadUnsafe(ref last, at), Vector256.WidenLower(after), Vector256.WidenLower(never));
        high = StoredTimes(Vector256.LoadUnsafe(ref last, at + 4), Vector256.WidenUpper(after), Vector256.WidenUpper(never));
        return DueBits(low, high, now);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> StoredTimes(Vector256<long> last, Vector256<long> after, Vector256<long> never) =>
        Vector256.ConditionalSelect(never, Vector256.Create(long.MaxValue), last + after);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint DueBits(Vector256<long> low, Vector256<long> high, long now)
    {
        var nowUs = Vector256.Create(now);
        return Vector256.LessThanOrEqual(low, nowUs).ExtractMostSignificantBits() | Vector256.LessThanOrEqual(high, nowUs).ExtractMostSignificantBits() << 4;
    }

    /// <summary>
    /// Under Cassandra's exponential phi, the judge times of the members first..first + 7, four in
    /// <paramref name="low"/> and four in <paramref name="high"/>, and a bit per member whose time
    /// has come by <paramref name="now"/>: tLast + <see cref="ExponentialWaitUs"/> with
    /// <paramref name="suspectUsPerMeanMs"/> for the members of bit set <paramref name="alive"/>,
    /// <paramref name="convictUsPerMeanMs"/> for those of <paramref name="suspect"/>, and
    /// long.MaxValue for the rest (and for a wait of <see cref="Never"/>), with the scalar
    /// operations in the same order (so the same bits). The caller guarantees that each member in
    /// either set holds at least one sample, and that neither factor is NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint DueExponential(int first, uint alive, uint suspect, double suspectUsPerMeanMs, double convictUsPerMeanMs, long now,
        out Vector256<long> low, out Vector256<long> high)
    {
        var at = (nuint)first;
        var counts = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(WindowCount), at);
        low = JudgeTimesHalf(at, alive, suspect, Vector256.WidenLower(counts), suspectUsPerMeanMs, convictUsPerMeanMs);
        high = JudgeTimesHalf(at + 4, alive >> 4, suspect >> 4, Vector256.WidenUpper(counts), suspectUsPerMeanMs, convictUsPerMeanMs);
        return DueBits(low, high, now);
    }

    /// <summary>Four lanes of <see cref="DueExponential"/>: the judge times of members at..at + 3, whose beliefs are the low four bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<long> JudgeTimesHalf(nuint at, uint alive, uint suspect, Vector256<long> count, double suspectUsPerMeanMs, double convictUsPerMeanMs)
    {
        var laneBits = Vector256.Create(1L, 2, 4, 8);
        var isAlive = Vector256.Equals(Vector256.Create((long)alive) & laneBits, laneBits);
        var isSuspect = Vector256.Equals(Vector256.Create((long)suspect) & laneBits, laneBits);
        var usPerMeanMs = Vector256.ConditionalSelect(isAlive.AsDouble(), Vector256.Create(suspectUsPerMeanMs), Vector256.Create(convictUsPerMeanMs));
        var sum = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(WindowSum), at);
        var wait = WaitHalf(sum, count, usPerMeanMs, out var never);
        var last = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(LastArrivalUs), at);
        return Vector256.ConditionalSelect(never | ~(isAlive | isSuspect), Vector256.Create(long.MaxValue), last + wait);
    }

    /// <summary>Four lanes' <see cref="ExponentialWaitUs"/> as longs (<paramref name="never"/>: lanes whose wait is <see cref="Never"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> WaitHalf(Vector256<double> sum, Vector256<long> count, Vector256<double> usPerMeanMs, out Vector256<long> never)
    {
        var meanMs = sum / ExactDouble(count);
        var waitUs = usPerMeanMs * meanMs - Vector256.Create(1.0);
        never = Vector256.GreaterThanOrEqual(waitUs, Vector256.Create(AbsurdWaitUs)).AsInt64();
        // WaitOf: at most Never - 1, at least 0, truncated (floor, as the wait is not negative). The
        // native min and max differ from Math's only for NaN and signed zeros, which floor alike here.
        var clamped = Vector256.Floor(Vector256.MinNative(Vector256.MaxNative(waitUs, Vector256<double>.Zero), Vector256.Create((double)(Never - 1))));
        return (clamped + Vector256.Create(TwoTo52)).AsInt64() - Vector256.Create(TwoTo52Bits);
    }

    private const double TwoTo52 = 4503599627370496.0;
    private const long TwoTo52Bits = 0x4330000000000000;

    /// <summary>Longs in [0, 2^52) as doubles, exactly (AVX2 has no 64-bit integer conversion): 2^52 + x has x as its mantissa.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExactDouble(Vector256<long> x) =>
        (x | Vector256.Create(TwoTo52Bits)).AsDouble() - Vector256.Create(TwoTo52);
}
