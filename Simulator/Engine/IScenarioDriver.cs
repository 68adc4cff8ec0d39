namespace GossipSim.Simulator.Engine;

/// <summary>
/// Scenario-level actions on the timeline (application updates, faults, sampling). The engine
/// calls back when a <see cref="EventKind.Driver"/> event comes due; these are rare next to
/// timers and deliveries, so one interface call each costs nothing that matters.
/// </summary>
public interface IScenarioDriver
{
    void OnAction(Simulation simulation, int action, int argument);
}
