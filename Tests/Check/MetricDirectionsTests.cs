using GossipSim.Analysis;
using GossipSim.Simulator.Runs;
using GossipSim.Tests.Support;

namespace GossipSim.Tests.Check;

/// <summary>Every metric column a run can write has a declared direction, so a baseline never guesses which way is worse.</summary>
public class MetricDirectionsTests
{
    [Test]
    public void EveryMetricColumnOfEveryProtocolFamily_HasADirection()
    {
        var columns = EveryColumnRuns.Columns().Where(c => !ResultColumns.IsIdentity(c)).ToList();
        Assert.That(columns, Does.Contain("request_ok_rate").And.Contain("phi_half_first_s").And.Contain("uplink_wait_max_ms").And.Contain("wall_s")
            .And.Contain("churn_arrivals_skipped").And.Contain("late_death_marks"),
            "the scenarios reach the optional columns");
        Assert.That(columns.Where(c => MetricDirections.Of(c) is null), Is.Empty, "columns without a direction in MetricDirections");
    }

    [TestCase("request_ok_rate", MetricDirection.HigherIsBetter)]
    [TestCase("ring_events_converged", MetricDirection.HigherIsBetter)]
    [TestCase("request_wrong_owner_rate", MetricDirection.LowerIsBetter)]
    [TestCase("bytes_ping_per_node_s", MetricDirection.LowerIsBetter)]
    [TestCase("observer_node_hours", MetricDirection.NotBehaviour)]
    public void Direction(string column, MetricDirection direction) => Assert.That(MetricDirections.Of(column), Is.EqualTo(direction));
}
