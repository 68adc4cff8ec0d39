using GossipSim.Simulator.Observation;
using GossipSim.Simulator.Ring;

namespace GossipSim.Simulator.Protocols.Swim;

// Ring metadata: each member's token set, carried as the meta of its alive messages (memberlist Meta).
public sealed partial class SwimNode
{
    private RingRegistry? _ring;
    /// <summary>With a ring: each member's token-set id from its meta (-1 none); ownership outlives reaping of the dead.</summary>
    private int[]? _tokens;

    public void AttachRing(RingRegistry ring)
    {
        _ring = ring;
        _broadcasts.MetaSizeBytes = ring.Settings.SwimMetaBytes;
        _tokens = new int[_config.NodeCount];
        Array.Fill(_tokens, -1);
    }

    /// <summary>memberlist UpdateNode: new meta at a new incarnation, broadcast as an alive about self.</summary>
    public void OnTokensMoved()
    {
        int tokens = _ring!.Current(_self).Id;
        _tokens![_self] = tokens;
        var self = View(_self);
        Write(_self, self.State, self.Incarnation + 1);
        _broadcasts.Enqueue(new SwimMemberUpdate(_self, SwimMemberState.Alive, self.Incarnation + 1, _self, tokens));
        Context.Emit(ObservationKind.RingTokens, _self, tokens);
    }

    private int OwnTokens => _tokens is null ? -1 : _tokens[_self];

    /// <summary>Takes a member's meta from an accepted alive; reports a change of its tokens.</summary>
    private void TakeTokens(int node, int tokens)
    {
        if (_tokens is null || tokens < 0 || _tokens[node] == tokens) return;
        _tokens[node] = tokens;
        Context.Emit(ObservationKind.RingTokens, node, tokens);
    }
}
