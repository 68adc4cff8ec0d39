namespace GossipSim.Simulator.Observation;

/// <summary>
/// Takes the timeseries.csv samples: view accuracy, suspected and dead pairs, up nodes, and the
/// cluster's bytes sent per second over the period since the previous sample. The scenario driver
/// calls it every <c>sample_every</c>.
/// </summary>
public sealed class ViewSampler
{
    private readonly MembershipViewTracker _views;
    private readonly TrafficMeter _traffic;
    private long _previousBytes;
    private long _previousUs;
    private RoutingTracker? _routing;
    private RequestCounts _previousRequests;

    public ViewSampler(MembershipViewTracker views, TrafficMeter traffic)
    {
        _views = views;
        _traffic = traffic;
    }

    public List<ViewSample> Samples { get; } = new();

    /// <summary>Adds request outcomes per period to every sample from now on.</summary>
    public void AttachRouting(RoutingTracker routing) => _routing = routing;

    public void Sample(long nowUs)
    {
        long bytes = 0;
        foreach (long b in _traffic.BytesSentByType) bytes += b;
        double seconds = (nowUs - _previousUs) / 1e6;
        double rate = seconds > 0 ? (bytes - _previousBytes) / seconds : double.NaN;
        RequestCounts? requests = null;
        if (_routing is not null)
        {
            var counts = _routing.Counts;
            requests = counts.Minus(_previousRequests);
            _previousRequests = counts;
        }
        Samples.Add(new ViewSample(nowUs, _views.ViewAccuracy, _views.SuspectedPairs, _views.DeadPairs, _views.UpObservers, rate) { Requests = requests });
        _previousBytes = bytes;
        _previousUs = nowUs;
    }
}
