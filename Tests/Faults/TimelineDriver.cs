using GossipSim.Simulator.Engine;
using GossipSim.Simulator.Faults;

namespace GossipSim.Tests.Faults;

/// <summary>Routes a bare simulation's driver actions to a <see cref="FaultTimeline"/>, as ScenarioDriver does.</summary>
internal sealed class TimelineDriver : IScenarioDriver
{
    private TimelineDriver(FaultTimeline timeline) => Timeline = timeline;

    public FaultTimeline Timeline { get; }

    public static TimelineDriver Attach(Simulation simulation, IReadOnlyList<FaultSpec> faults, long durationUs)
    {
        var driver = new TimelineDriver(new FaultTimeline(simulation, faults));
        simulation.SetDriver(driver);
        driver.Timeline.Schedule(durationUs, 0, 1, 2);
        return driver;
    }

    public void OnAction(Simulation simulation, int action, int argument)
    {
        switch (action)
        {
            case 0: Timeline.Fire(argument); break;
            case 1: Timeline.RunEnd(argument); break;
            case 2: Timeline.RunLater(argument); break;
        }
    }
}
