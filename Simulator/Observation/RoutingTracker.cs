using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Ring;

namespace GossipSim.Simulator.Observation;

/// <summary>
/// Routes a request as its coordinator would, from the coordinator's own ring view
/// (<see cref="RingViewTracker"/>) and liveness view (<see cref="MembershipViewTracker"/>: alive or
/// suspect = believed up), and lets the truth (true ring, node status: only Up answers) decide the
/// <see cref="RequestOutcome"/>. The coordinator believes itself up. Two ring walks per request,
/// no allocation.
/// </summary>
public sealed class RoutingTracker
{
    private readonly RingViewTracker _ring;
    private readonly MembershipViewTracker _views;
    private readonly NodeStatus[] _status;
    private readonly RingSettings _settings;
    private readonly int[] _viewReplicas;
    private readonly int[] _trueReplicas;
    private readonly int[] _scratch;
    private long _ok, _sentToDead, _needlessHint, _wrongOwner;

    public RoutingTracker(RingViewTracker ring, MembershipViewTracker views, NodeStatus[] status)
    {
        _ring = ring;
        _views = views;
        _status = status;
        _settings = ring.Registry.Settings;
        int n = _settings.ReplicationFactor;
        _viewReplicas = new int[n];
        _trueReplicas = new int[n];
        _scratch = new int[n + (_settings.Zones?.Count ?? 0)];
    }

    public RequestCounts Counts => new(_ok, _sentToDead, _needlessHint, _wrongOwner);

    public RequestOutcome Route(int coordinator, ulong key)
    {
        var outcome = Classify(coordinator, key);
        switch (outcome)
        {
            case RequestOutcome.Ok: _ok++; break;
            case RequestOutcome.SentToDead: _sentToDead++; break;
            case RequestOutcome.NeedlessHint: _needlessHint++; break;
            default: _wrongOwner++; break;
        }
        return outcome;
    }

    private RequestOutcome Classify(int coordinator, ulong key)
    {
        var ring = _ring.Registry.Ring;
        int seen = ring.Replicas(key, _ring.ViewOf(coordinator), _settings.Placement, _settings.Zones, _viewReplicas, _scratch);
        int truth = ring.Replicas(key, _ring.Truth, _settings.Placement, _settings.Zones, _trueReplicas, _scratch);
        if (seen != truth) return RequestOutcome.WrongOwner;
        var trueSet = _trueReplicas.AsSpan(0, truth);
        for (int i = 0; i < seen; i++)
            if (!trueSet.Contains(_viewReplicas[i])) return RequestOutcome.WrongOwner;
        bool needless = false;
        for (int i = 0; i < seen; i++)
        {
            int replica = _viewReplicas[i];
            bool believedUp = replica == coordinator || _views.BeliefOf(coordinator, replica) is BeliefState.Alive or BeliefState.Suspect;
            bool up = _status[replica] == NodeStatus.Up;
            if (believedUp && !up) return RequestOutcome.SentToDead;
            needless |= !believedUp && up;
        }
        return needless ? RequestOutcome.NeedlessHint : RequestOutcome.Ok;
    }
}
