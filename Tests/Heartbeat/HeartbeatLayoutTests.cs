using System.Runtime.CompilerServices;
using GossipSim.Simulator.Protocols.Heartbeat;

namespace GossipSim.Tests.Heartbeat;

/// <summary>
/// The sizes the memory model (RunCost's bytes per pair) and the digest exchange's memory traffic
/// are built on: a heartbeat run at 1,200 nodes moves these records a billion times, so a field
/// added or a layout lost shows up here before it shows up as a slower, larger run.
/// </summary>
public class HeartbeatLayoutTests
{
    [Test]
    public void Records_AsLaidOut_HaveTheirPackedSizes()
    {
        Assert.That(Unsafe.SizeOf<MemberVersion>(), Is.EqualTo(12), "generation 8 + heartbeat 4");
        Assert.That(Unsafe.SizeOf<HeartbeatDigest>(), Is.EqualTo(16), "member 4 + generation 8 + version 4");
        Assert.That(Unsafe.SizeOf<HeartbeatEntry>(), Is.EqualTo(24), "generation 8 + member, version, tokens, tokens version 4 each");
        Assert.That(Unsafe.SizeOf<ArrivalWindow>(), Is.EqualTo(12), "sum 8 + count 4");
    }
}
