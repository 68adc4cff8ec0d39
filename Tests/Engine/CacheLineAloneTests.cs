using System.Runtime.CompilerServices;
using GossipSim.Simulator.Engine;

namespace GossipSim.Tests.Engine;

/// <summary>A padded value must keep a whole cache line free on each side, whatever its type.</summary>
public class CacheLineAloneTests
{
    private readonly record struct ThreeFields(long A, long B, int C);

    private static void AssertAlone<T>() where T : unmanaged
    {
        var padded = new CacheLineAlone<T>();
        long before = Unsafe.ByteOffset(ref Unsafe.As<CacheLineAlone<T>, byte>(ref padded), ref Unsafe.As<T, byte>(ref padded.Value));
        long after = Unsafe.SizeOf<CacheLineAlone<T>>() - before - Unsafe.SizeOf<T>();
        Assert.That((before, after), Is.EqualTo((64L, 64L)));
    }

    [Test]
    public void Value_HasACacheLineOnEachSide()
    {
        AssertAlone<long>();
        AssertAlone<int>();
        AssertAlone<ThreeFields>();
    }
}
