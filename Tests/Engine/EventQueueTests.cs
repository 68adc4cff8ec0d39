using GossipSim.Simulator.Engine;

namespace GossipSim.Tests.Engine;

public class EventQueueTests
{
    private static SimEvent At(long time, long sequence) => new() { TimeUs = time, SequenceAndKind = sequence << 8 | (byte)EventKind.Timer, Node = (int)sequence };

    [Test]
    public void Pop_RandomTimes_ComeOutSortedByTimeThenSequence()
    {
        var random = new System.Random(7);
        var queue = new EventQueue(4);
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

    [Test]
    public void PushPop_Interleaved_MatchesSortedReference()
    {
        var random = new System.Random(11);
        var queue = new EventQueue(2);
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
}
