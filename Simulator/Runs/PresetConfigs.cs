using GossipSim.Scenarios;
using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Protocols.Akka;
using GossipSim.Simulator.Protocols.Heartbeat;
using GossipSim.Simulator.Protocols.Swim;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// A named protocol preset as the engine's configuration, compiled from the same scenario text a
/// user writes (<c>protocol: {preset: NAME}</c>). Code and tests that want memberlist's settings
/// take them from here, so they run exactly what a scenario file gets and the values are written
/// once, in the scenario schema.
/// </summary>
public static class PresetConfigs
{
    /// <summary>memberlist's DefaultLANConfig for a cluster of <paramref name="nodes"/> ids, all initial members.</summary>
    public static SwimConfig MemberlistLan(int nodes) => (SwimConfig)Compile("memberlist-lan", nodes);

    /// <summary>Cassandra's gossiper and failure detector, as the cassandra preset gives them (seeds 0-2, so at least 3 nodes).</summary>
    public static HeartbeatConfig Cassandra(int nodes) => (HeartbeatConfig)Compile("cassandra", nodes);

    /// <summary>akka-cluster's defaults with the split brain resolver's keep-majority, as the akka preset gives them.</summary>
    public static AkkaConfig Akka(int nodes) => (AkkaConfig)Compile("akka", nodes);

    private static IProtocolSetup Compile(string preset, int nodes) =>
        ProtocolCompiler.Compile(ScenarioLoader.Parse(
            $"scenarios:\n  - name: {preset}\n    nodes: {nodes}\n    protocol: {{preset: {preset}}}\n", $"preset {preset}").Points.Single());
}
