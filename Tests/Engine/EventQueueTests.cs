using GossipSim.Simulator.Engine;

namespace GossipSim.Tests.Engine;

public class EventQueueTests
{
    private static SimEvent At(long time, long sequence) => new() { TimeUs = time, SequenceAndKind = sequence << 8 | (byte)EventKind.Timer, Node = (int)sequence };

    [Test]
    public void Pop_RandomTimes_ComeOutSortedByTimeThenSequence()
    {
        var random = new System.Random(7);
        var queue = new EventQueue();
        var expected = new List<(long, long)>();
        for (long seq = 0; seq < 5000; seq++)
        {
            long time = random.Next(0, 300); // many ties on purpose
            queue.Push(At(time, seq));
            expected.Add((time, seq));
        }
        expected.Sort();
        foreach (var (time, seq) in expected)
        {
            var e = queue.Pop();
            Assert.That((e.TimeUs, e.Sequence), Is.EqualTo((time, seq)));
        }
        Assert.That(queue.Count, Is.Zero);
    }

    [Test]
    public void Pop_EqualTimes_FirstScheduledFirst()
    {
        var queue = new EventQueue();
        for (long seq = 0; seq < 100; seq++) queue.Push(At(42, seq));
        for (long seq = 0; seq < 100; seq++) Assert.That(queue.Pop().Node, Is.EqualTo(seq));
    }

    /// <summary>
    /// The wheel-plus-heap queue the engine uses and the plain heap must give the identical
    /// order on a hold-model workload with near events, far events (beyond the wheel's
    /// horizon), ties, and idle gaps longer than a wheel turn.
    /// </summary>
    [TestCase(1, 4, 6)] // a 1 ms horizon: plenty of far events
    [TestCase(2, 4, 6)]
    [TestCase(3, 4, 6)]
    [TestCase(4, 0, 10)] // 1 µs buckets (shorter horizon)
    [TestCase(6, 3, 7)]  // 8 µs buckets, as EventQueue.ForNodes sizes it from 14,000 nodes (shorter horizon): crowded buckets sorted on arrival
    [TestCase(5, 2, 8)]
    public void EventQueue_HoldWorkload_SameOrderAsHeap(int seed, int bucketWidthLog2, int bucketCountLog2)
    {
        var random = new System.Random(seed);
        var wheel = new EventQueue(bucketWidthLog2, bucketCountLog2);
        var heap = new EventHeap();
        long seq = 0, now = 0;
        for (int i = 0; i < 500; i++)
        {
            var e = At(random.Next(0, 5000), seq++);
            wheel.Push(e);
            heap.Push(e);
        }
        for (int step = 0; step < 200_000 && heap.Count > 0; step++)
        {
            Assert.That(wheel.Count, Is.EqualTo(heap.Count));
            var a = wheel.Pop();
            var b = heap.Pop();
            Assert.That((a.TimeUs, a.Sequence), Is.EqualTo((b.TimeUs, b.Sequence)), $"step {step}");
            now = a.TimeUs;
            int children = step < 150_000 ? random.Next(0, 3) : 0;
            for (int c = 0; c < children; c++)
            {
                long delay = random.Next(10) switch
                {
                    0 => 0,                              // a tie with now
                    1 => random.Next(1000, 100_000),      // far beyond the horizon
                    _ => random.Next(1, 900),             // near
                };
                var e = At(now + delay, seq++);
                wheel.Push(e);
                heap.Push(e);
            }
        }
        Assert.That(wheel.Count, Is.Zero);
    }

    /// <summary>
    /// An event may be scheduled into the bucket being popped with a time before the events already
    /// taken from it (a driver action in the past): it must still come out next, as from the heap,
    /// and must not land among the popped slots.
    /// </summary>
    [Test]
    public void Push_IntoCurrentBucketBeforePoppedEvents_ComesOutNextAsFromTheHeap()
    {
        var wheel = new EventQueue(bucketWidthLog2: 6, bucketCountLog2: 4);
        var heap = new EventHeap();
        long seq = 0;
        foreach (long time in new long[] { 10, 20, 30, 40 })
        {
            wheel.Push(At(time, seq));
            heap.Push(At(time, seq++));
        }
        Assert.That(wheel.Pop().TimeUs, Is.EqualTo(heap.Pop().TimeUs));
        Assert.That(wheel.Pop().TimeUs, Is.EqualTo(heap.Pop().TimeUs));
        wheel.Push(At(15, seq));
        heap.Push(At(15, seq++));
        while (heap.Count > 0)
        {
            var a = wheel.Pop();
            var b = heap.Pop();
            Assert.That((a.TimeUs, a.Sequence), Is.EqualTo((b.TimeUs, b.Sequence)));
        }
        Assert.That(wheel.Count, Is.Zero);
    }

    /// <summary>
    /// Events pushed into a bucket ahead of the cursor in reverse order (more than an insertion sort
    /// takes, and a few) come out in the heap's order once the cursor reaches it, and events pushed
    /// into the cursor's bucket while it is being popped take their place among the unpopped ones.
    /// </summary>
    [TestCase(5)]
    [TestCase(200)]
    public void Push_OutOfOrderIntoBucketAhead_SortedWhenTheCursorArrives(int count)
    {
        var wheel = new EventQueue(bucketWidthLog2: 10, bucketCountLog2: 4);
        var heap = new EventHeap();
        long seq = 0;
        void Both(long time)
        {
            wheel.Push(At(time, seq));
            heap.Push(At(time, seq++));
        }
        Both(5);
        for (int i = count; i > 0; i--) Both(2048 + (i % 7) * 100 + i % 3);
        var popped = new List<(long, long)>();
        var expected = new List<(long, long)>();
        while (heap.Count > 0)
        {
            var a = wheel.Pop();
            var b = heap.Pop();
            popped.Add((a.TimeUs, a.Sequence));
            expected.Add((b.TimeUs, b.Sequence));
            // Into the bucket being popped: before, among and after its unpopped events.
            if (a.TimeUs >= 2048 && popped.Count % 5 == 0 && seq < 3 * count) Both(a.TimeUs + popped.Count % 4 * 150);
        }
        Assert.That(popped, Is.EqualTo(expected));
        Assert.That(wheel.Count, Is.Zero);
    }

    /// <summary>The prefetch hint names the events that the next pops return, as long as no far event comes between.</summary>
    [Test]
    public void UpcomingWheel_NearEventsOnly_NamesTheNextPopsInOrder()
    {
        var queue = new EventQueue(bucketWidthLog2: 0, bucketCountLog2: 10);
        long seq = 0;
        for (int i = 0; i < 300; i++) queue.Push(At(i / 3, seq++));
        while (queue.Count > 0)
        {
            var upcoming = queue.UpcomingWheel().ToArray();
            Assert.That(upcoming, Is.Not.Empty);
            foreach (var expected in upcoming) Assert.That(queue.Pop().Sequence, Is.EqualTo(expected.Sequence));
        }
        Assert.That(queue.UpcomingWheel().IsEmpty, Is.True);
    }

    [Test]
    public void PushPop_Interleaved_MatchesSortedReference()
    {
        var random = new System.Random(11);
        var queue = new EventQueue();
        var reference = new SortedSet<(long, long)>();
        long seq = 0, now = 0;
        for (int step = 0; step < 20000; step++)
        {
            if (reference.Count == 0 || random.Next(3) > 0)
            {
                long t = now + random.Next(0, 1000);
                queue.Push(At(t, seq));
                reference.Add((t, seq++));
            }
            else
            {
                var min = reference.Min;
                reference.Remove(min);
                var e = queue.Pop();
                Assert.That((e.TimeUs, e.Sequence), Is.EqualTo(min));
                now = e.TimeUs;
            }
        }
    }

    /// <summary>
    /// Pops one event and schedules one in its place, <paramref name="pending"/> events spread over
    /// [now, now + <paramref name="spreadUs"/>) (or, with aligned rounds, all at one time), checking
    /// every pop against the plain heap. Returns the wheel for its sizing.
    /// </summary>
    private static EventQueue HoldAgainstHeap(EventQueue wheel, int pending, int spreadUs, bool aligned, int steps)
    {
        var random = new System.Random(3);
        var heap = new EventHeap();
        long seq = 0;
        for (int i = 0; i < pending; i++)
        {
            var e = At(aligned ? 0 : random.Next(0, spreadUs), seq++);
            wheel.Push(e);
            heap.Push(e);
        }
        for (int step = 0; step < steps; step++)
        {
            var a = wheel.Pop();
            var b = heap.Pop();
            Assert.That((a.TimeUs, a.Sequence), Is.EqualTo((b.TimeUs, b.Sequence)), $"step {step}");
            var next = At(a.TimeUs + (aligned ? spreadUs : random.Next(1, spreadUs)), seq++);
            wheel.Push(next);
            heap.Push(next);
        }
        return wheel;
    }

    /// <summary>Eight events a bucket on average: most buckets overflow 4 slots into arrays of their own, so the slots widen (moving those that now fit back), and the order stays the heap's.</summary>
    [Test]
    public void Push_DenseBuckets_WidenAndKeepTheHeapsOrder()
    {
        var wheel = HoldAgainstHeap(new EventQueue(bucketWidthLog2: 0, bucketCountLog2: 8), pending: 2000, spreadUs: 250, aligned: false, steps: 50_000);
        Assert.That(wheel.SlotsPerBucket, Is.GreaterThanOrEqualTo(16));
    }

    /// <summary>Aligned rounds fill one bucket a round: it keeps its events in an array of its own, in the heap's order, and the other buckets keep 4 slots.</summary>
    [Test]
    public void Push_OneFullBucketARound_DoesNotWidenPastTheMemoryBound()
    {
        var wheel = HoldAgainstHeap(new EventQueue(), pending: 1000, spreadUs: 200_000, aligned: true, steps: 20_000);
        Assert.That(wheel.SlotsPerBucket, Is.EqualTo(4));
    }

    /// <summary>Half a bucket on average (bw1 at 1,200 nodes is a third): few pushes find a bucket full, so buckets keep 4 slots.</summary>
    [Test]
    public void Push_SparseBuckets_KeepFourSlots()
    {
        var wheel = HoldAgainstHeap(new EventQueue(bucketWidthLog2: 0, bucketCountLog2: 10), pending: 500, spreadUs: 1000, aligned: false, steps: 50_000);
        Assert.That(wheel.SlotsPerBucket, Is.EqualTo(4));
    }

    [TestCase(100, 6, 12)]
    [TestCase(1_200, 6, 12)]
    [TestCase(2_000, 5, 13)]
    [TestCase(14_000, 3, 15)]
    [TestCase(100_000, 3, 15)]  // no narrower than 8 µs
    [TestCase(1_000_000, 3, 15)]
    public void ForNodes_Size_BucketsNarrowAsNodesGrow_HorizonStays(int nodes, int widthLog2, int countLog2)
    {
        var expected = new EventQueue(widthLog2, countLog2);
        var actual = EventQueue.ForNodes(nodes);
        Assert.That(actual.HorizonUs, Is.EqualTo(expected.HorizonUs));
        Assert.That(actual.BucketWidthUs, Is.EqualTo(1L << widthLog2));
    }

    /// <summary>
    /// A round longer than the default horizon widens the buckets, the fewest doublings that put a
    /// timer one round after any moment on the wheel; a shorter round changes nothing.
    /// </summary>
    [TestCase(1_200, 200_000, 6)]      // bw1's 200 ms round: the default wheel
    [TestCase(1_200, 1_000_000, 8)]    // heartbeat and SWIM at 1 s: 256 µs buckets
    [TestCase(100_000, 1_000_000, 5)]  // SWIM at 100,000 nodes: 32 µs
    [TestCase(100_000, 5_000_000, 8)]  // memberlist WAN's 5 s probe interval
    public void ForNodes_RoundBeyondTheHorizon_FewestWiderBucketsThatReachIt(int nodes, long roundUs, int widthLog2)
    {
        var actual = EventQueue.ForNodes(nodes, roundUs);
        var plain = EventQueue.ForNodes(nodes);
        Assert.That(actual.BucketWidthUs, Is.EqualTo(1L << widthLog2));
        Assert.That(actual.HorizonUs / actual.BucketWidthUs, Is.EqualTo(plain.HorizonUs / plain.BucketWidthUs), "as many buckets");
        // The cursor's bucket starts up to a bucket before now: a round after now is then within reach.
        Assert.That(actual.HorizonUs - actual.BucketWidthUs, Is.GreaterThanOrEqualTo(roundUs));
        long buckets = actual.HorizonUs / actual.BucketWidthUs + 1;
        if (actual.BucketWidthUs > plain.BucketWidthUs)
            Assert.That((buckets - 2) * (actual.BucketWidthUs / 2), Is.LessThan(roundUs), "buckets half as wide would not reach the round");
    }

    /// <summary>With timers a round ahead of every pop (as SWIM's probes), the widened wheel pops the heap's order.</summary>
    [Test]
    public void ForNodes_WidenedForTheRound_SameOrderAsHeap()
    {
        HoldAgainstHeap(EventQueue.ForNodes(2_000, 1_000_000), pending: 2_000, spreadUs: 1_000_000, aligned: false, steps: 50_000);
    }
}
