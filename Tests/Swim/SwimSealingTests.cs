using GossipSim.Scenarios;
using GossipSim.Simulator.Protocols.Swim;
using GossipSim.Simulator.Protocols.Wire;
using GossipSim.Simulator.Runs;

namespace GossipSim.Tests.Swim;

/// <summary>
/// memberlist's encryption and label as a node packs and sends: the budget a packet's broadcasts
/// are packed into loses what the sealing adds (net.go sendMsg, state.go gossip), so a sealed
/// packet still fits UDPBufferSize, and every datagram carries the sealing's bytes.
/// </summary>
public class SwimSealingTests
{
    private const long S = 1_000_000;
    private const int N = 100;

    /// <summary>Gossip packets (no primary message) of a cluster whose upper half crashes at 1 s, raw, as (bytes, broadcasts).</summary>
    private static List<(int Bytes, SwimMemberUpdate[] Parts)> GossipPackets(MemberlistSealing sealing)
    {
        var config = PresetConfigs.MemberlistLan(N) with { Compression = false, TcpPings = false, Sealing = sealing };
        var h = new SwimHarness(config, 3);
        var packets = new List<(int, SwimMemberUpdate[])>();
        h.Wire = (_, _, m) =>
        {
            if ((m.B & 0x7F) == MemberlistWire.None && m.Payload is SwimMemberUpdate[] parts) packets.Add((m.SizeBytes, parts));
            return 0;
        };
        h.StartAll();
        h.RunUntil(1 * S);
        for (int i = N / 2; i < N; i++) h.Crash(i);
        h.RunUntil(20 * S);
        return packets;
    }

    [Test]
    public void Sealed_FullGossipPacket_CarriesFewerBroadcasts_AndStillFitsTheBuffer()
    {
        var plain = GossipPackets(default);
        var sealing = new MemberlistSealing(Encrypted: true, LabelBytes: 3);
        var sealedPackets = GossipPackets(sealing);
        // Fifty suspicions and deaths, 47 B each, fill the queues: a full packet of them holds
        // (1400 - 2) / (47 + 2) = 28 unsealed, (1400 - 2 - 34) / 49 = 27 sealed.
        Assert.Multiple(() =>
        {
            Assert.That(plain.Max(p => p.Parts.Length), Is.EqualTo(28));
            Assert.That(sealedPackets.Max(p => p.Parts.Length), Is.EqualTo(27));
            // The datagram less its IP/UDP headers and CRC (memberlist leaves the CRC out of the budget) fits UDPBufferSize.
            Assert.That(sealedPackets.Max(p => p.Bytes - WireOverhead.UdpIpBytes - MemberlistWire.CrcBytes), Is.LessThanOrEqualTo(1400));
            Assert.That(sealedPackets.Max(p => p.Bytes - WireOverhead.UdpIpBytes - MemberlistWire.CrcBytes), Is.GreaterThan(1400 - 49),
                "full: another broadcast would not have fitted");
        });
    }

    [Test]
    public void Scenario_EncryptionAndLabel_CompileToTheSealing()
    {
        static SwimConfig Compile(string protocol) => (SwimConfig)ProtocolCompiler.Compile(ScenarioLoader.Parse(
            $"scenarios:\n  - name: a\n    nodes: 10\n    protocol: {protocol}\n", "s.yaml").Points.Single());
        Assert.Multiple(() =>
        {
            Assert.That(Compile("{preset: memberlist-lan}").Sealing, Is.EqualTo(new MemberlistSealing(false, 0)), "memberlist's defaults: no key, no label");
            Assert.That(Compile("{preset: memberlist-lan, encryption: true, label: eu-west-1}").Sealing, Is.EqualTo(new MemberlistSealing(true, 9)));
        });
    }

    [Test]
    public void Sealed_EveryDatagramCarriesTheSealing()
    {
        // Same seed and no decision reads a size, so both runs send the same packets until
        // packing differs; the lone pings and acks of the first second are the same packets, 34 B apart.
        var sealing = new MemberlistSealing(Encrypted: true, LabelBytes: 3);
        long[] Sizes(MemberlistSealing s)
        {
            var h = new SwimHarness(PresetConfigs.MemberlistLan(N) with { Sealing = s }, 5);
            var sizes = new List<long>();
            h.Wire = (_, _, m) => { sizes.Add(m.SizeBytes); return 0; };
            h.StartAll();
            h.RunUntil(1 * S);
            return sizes.ToArray();
        }
        long[] plain = Sizes(default), sealedSizes = Sizes(sealing);
        Assert.That(plain, Is.Not.Empty);
        Assert.That(sealedSizes, Is.EqualTo(plain.Select(b => b + 34).ToArray()));
    }
}
