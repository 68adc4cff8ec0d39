namespace GossipSim.Simulator.Ring;

/// <summary>
/// How replicas are chosen on the ring (YAML <c>ring.placement</c>). <c>simple</c>: the first
/// N distinct nodes clockwise from the key (Cassandra's SimpleStrategy); <c>zone_aware</c>:
/// distinct zones first, as Cassandra's NetworkTopologyStrategy does with racks inside one
/// datacenter, then the skipped nodes in walk order once every zone has one replica.
/// </summary>
public enum RingPlacement
{
    Simple,
    ZoneAware,
}
