using GossipSim.Simulator.Network;
using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Protocols.Wire;

namespace GossipSim.Simulator.Protocols.Swim;

// Packets (memberlist net.go): a primary message numbered as MemberlistWire numbers them, with
// queued broadcasts piggybacked up to the MTU, and their bytes on the wire.
public sealed partial class SwimNode
{
    /// <summary>Flag beside the primary: the message went over TCP (a fallback ping or its ack), so its answer does too.</summary>
    private const int OverTcp = 0x80;

    // ---- dissemination --------------------------------------------------------------------

    /// <summary>memberlist gossip(): broadcasts, fetched separately per target, to GossipNodes random peers.</summary>
    private void Gossip()
    {
        if (_broadcasts.Count == 0) return;
        int count = RandomMembers(_config.GossipNodes, -1, aliveOnly: false, recentDeadToo: true);
        for (int i = 0; i < count; i++)
            if (!SendPacket(_picked[i], MemberlistWire.None, 0, -1)) return;
    }

    /// <summary>
    /// Sends one packet: the primary message (if any) plus as many queued broadcasts as fit the
    /// MTU budget (memberlist sendMsg / gossip). False when there was nothing to send.
    /// </summary>
    private bool SendPacket(int to, int primary, int seq, int target)
    {
        int primaryBytes = PrimaryBytes(primary);
        var piggyback = Scratch.Piggyback;
        piggyback.Clear();
        int retransmitLimit = SwimMath.RetransmitLimit(_config.RetransmitMult, _memberCount);
        _broadcasts.Take(SwimSizes.CompoundPart, _config.MtuBytes - primaryBytes - SwimSizes.CompoundHeader - _config.Sealing.PacketBytes, retransmitLimit, piggyback);
        int type;
        object? payload = null;
        if (piggyback.Count == 0)
        {
            if (primary == MemberlistWire.None) return false;
            type = PrimaryType(primary);
        }
        else
        {
            payload = piggyback.ToArray();
            type = primary == MemberlistWire.None && piggyback.Count == 1 ? SwimSizes.TypeOfUpdate(piggyback[0].State) : SwimMessageType.Compound;
            if (_tokens is not null) ReportMetaBytes(to, piggyback);
        }
        // memberlist adds its CRC only where it sends with the node in hand: gossip, not sendMsg's replies and probes.
        int bytes = MemberlistWire.Packet(primary, seq, piggyback, _broadcasts.MetaSizeBytes, crc: primary == MemberlistWire.None, _config.Compression, _config.Sealing);
        var message = new Message { Type = type, SizeBytes = bytes, A = seq, B = ((long)target << 8) + primary, Payload = payload };
        Context.Send(to, message);
        return true;
    }

    private void ReportMetaBytes(int to, List<SwimMemberUpdate> updates)
    {
        int meta = 0;
        foreach (var u in updates) meta += u.MetaBytes(_broadcasts.MetaSizeBytes);
        if (meta > 0) Context.Emit(ObservationKind.RingBytesSent, to, meta);
    }

    /// <summary>Lifeguard buddy system: a ping to a suspect travels with the suspicion, so it can refute at once.</summary>
    private void SendBuddyPing(int target, int incarnation)
    {
        var suspect = new SwimMemberUpdate(target, SwimMemberState.Suspect, incarnation, _self);
        var parts = Scratch.BuddyParts;
        parts.Clear();
        parts.Add(suspect);
        int bytes = MemberlistWire.Packet(MemberlistWire.Ping, _probeSeq, parts, 0, crc: true, _config.Compression, _config.Sealing);
        Context.Send(target, new Message
        {
            Type = SwimMessageType.Compound, SizeBytes = bytes, A = _probeSeq, B = ((long)target << 8) + MemberlistWire.Ping, Payload = new[] { suspect },
        });
    }

    private static int PrimaryBytes(int primary) => primary switch
    {
        MemberlistWire.Ping => SwimSizes.Ping,
        MemberlistWire.PingReq => SwimSizes.IndirectPing,
        MemberlistWire.Ack => SwimSizes.Ack,
        MemberlistWire.Nack => SwimSizes.Nack,
        _ => 0,
    };

    private static int PrimaryType(int primary) => primary switch
    {
        MemberlistWire.Ping => SwimMessageType.Ping,
        MemberlistWire.PingReq => SwimMessageType.PingReq,
        MemberlistWire.Ack => SwimMessageType.Ack,
        _ => SwimMessageType.Nack,
    };
}
