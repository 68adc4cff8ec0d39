namespace GossipSim.Simulator.Faults;

/// <summary>
/// A churn process from <see cref="FaultSpec.AtUs"/> until its end (<see cref="ForUs"/>,
/// <see cref="UntilUs"/> or heal_at); see <see cref="ChurnProcess"/> for the models. Draws come from
/// the churn stream of this fault's index, so churn shifts no other fault's picks.
/// YAML: <c>{at: 10s, until: 50s, churn: {model: poisson, departures_per_s: 0.5, arrivals_per_s: 0.5}}</c>
/// or <c>{at: 0s, churn: {model: weibull, shape: 0.7, scale: 60s, downtime: 10s, departure: leave}}</c>.
/// </summary>
public sealed record ChurnFault(long AtUs, int Index, ChurnModel Model, long? ForUs = null, long? UntilUs = null) : FaultSpec(AtUs)
{
    public override void Apply(FaultTimeline timeline)
    {
        var process = new ChurnProcess(timeline, Model, Index);
        timeline.Processes.Add(process);
        process.Start();
        if (timeline.EndOf(ForUs, UntilUs) is long endUs) timeline.EndLater(endUs, process.Stop);
    }
}
