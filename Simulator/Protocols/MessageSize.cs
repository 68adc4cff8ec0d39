using GossipSim.Simulator.Protocols.Wire;

namespace GossipSim.Simulator.Protocols;

/// <summary>
/// Size of one message type: a fixed payload header plus payload bytes per item carried, and
/// the transport it travels on, whose headers <see cref="Wire"/> adds (<see cref="WireOverhead"/>).
/// </summary>
public readonly record struct MessageSize(int HeaderBytes, int ItemBytes, bool Tcp = false)
{
    /// <summary>Bytes on the wire of a message carrying <paramref name="items"/> items.</summary>
    public int Of(int items) => Wire(Payload(items));

    public int Payload(int items) => HeaderBytes + ItemBytes * items;

    /// <summary>Bytes on the wire of this type's transport carrying <paramref name="payloadBytes"/>: one UDP datagram, or a stream on an open TCP connection.</summary>
    public int Wire(int payloadBytes) => Tcp ? WireOverhead.TcpStream(payloadBytes) : WireOverhead.UdpDatagram(payloadBytes);
}
