using GossipSim.Analysis;
using GossipSim.Simulator.Cli;

namespace GossipSim.Tests.Cli;

public class ResultTableTests
{
    private static ResultRow Row(string scenario, string point, params (string Column, string Value)[] cells)
    {
        var row = new ResultRow().Add("scenario", scenario).Add("point", point).Add("status", "ok");
        foreach (var (column, value) in cells) row.Add(column, value);
        return row;
    }

    [Test]
    public void Print_MembershipAndDissemination_EachGetsItsOwnColumnsAndPointsTheirValues()
    {
        var rows = new[]
        {
            Row("spread", "0", ("t99_s_mean", "0.5"), ("membership_events", ""), ("param.protocol.fanout", "2")),
            Row("spread", "1", ("t99_s_mean", "0.4"), ("membership_events", ""), ("param.protocol.fanout", "3")),
            Row("crash", "0", ("t99_s_mean", ""), ("membership_events", "1"), ("detect_all_s", "11.5"), ("fp_per_node_hour", "0")),
        };
        var text = new StringWriter();
        ResultTable.Print(text, rows, timing: false);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("dissemination").And.Contain("t99 s").And.Not.Contain("all dead s"));
            Assert.That(lines[1], Does.StartWith("spread[fanout=2]").And.Contain("0.5"));
            Assert.That(lines[2], Does.StartWith("spread[fanout=3]"));
            Assert.That(lines[3], Does.StartWith("membership").And.Contain("all dead s").And.Not.Contain("t99 s"));
            Assert.That(lines[4], Does.StartWith("crash ").And.Contain("11.5"));
        });
    }

    [Test]
    public void Print_AMeanOverFewerRunsThanTheRowHas_SaysOverHowMany_AndTheColumnsStayAligned()
    {
        // Three seeds of one crash, and only seed 3 saw every observer mark it dead.
        var rows = new[] { "", "", "19.09" }.Select((all, i) => Row("crash", "0", ("seed", $"{i + 1}"), ("membership_events", "1"),
            ("detect_all_s", all), ("fp_per_node_hour", "0"), ("bytes_per_node_s_mean", "247.5"), ("events", "1000"))).ToArray();
        var text = new StringWriter();
        ResultTable.Print(text, rows, timing: false);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines[1], Does.Match(@"^crash +3 .* 19\.09 \(1 of 3\) "), "runs 3, and the all-dead time of one of them");
            Assert.That(lines[1], Does.Not.Contain("247.5 ("), "every run had bytes");
            Assert.That(lines[1].IndexOf("(1 of 3)", StringComparison.Ordinal) + "(1 of 3)".Length, Is.EqualTo(lines[0].IndexOf("all dead s", StringComparison.Ordinal) + "all dead s".Length),
                "the cell ends under its header");
        });
    }

    [Test]
    public void Print_FalseDeathRate_IsThePooledRateNotTheMeanOfRunRates()
    {
        // 3 false deaths in 1 node-hour and none in 9: 0.3 per node-hour pooled, where the mean of
        // the two runs' rates would be 1.5.
        var rows = new[] { (Deaths: "3", Hours: "1", Rate: "3"), (Deaths: "0", Hours: "9", Rate: "0") }.Select(run => Row("crash", "0", ("membership_events", "1"),
            ("fp_declarations", run.Deaths), ("observer_node_hours", run.Hours), ("fp_per_node_hour", run.Rate))).ToArray();
        var text = new StringWriter();
        ResultTable.Print(text, rows, timing: false);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int end = lines[0].IndexOf("fd/node-h", StringComparison.Ordinal) + "fd/node-h".Length;
        Assert.That(lines[1][..end].TrimEnd().Split(' ')[^1], Is.EqualTo("0.3"));
    }

    [Test]
    public void Print_ReachedAll_IsTheShareOfJudgedUpdatesThatReachedEveryNode()
    {
        // Two runs: 2 of 4 updates converged, none cut off; 3 of 4 converged and the fourth cut off
        // by the run's end: 5 of the 7 judged updates reached every node.
        var rows = new[] { ("4", "2", "0"), ("4", "3", "1") }.Select(run => Row("spread", "0", ("membership_events", ""),
            ("updates", run.Item1), ("updates_converged", run.Item2), ("updates_censored", run.Item3))).ToArray();
        var text = new StringWriter();
        ResultTable.Print(text, rows, timing: false);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int end = lines[0].IndexOf("reached all", StringComparison.Ordinal) + "reached all".Length;
        Assert.That(lines[1][..end].TrimEnd().Split(' ')[^1], Is.EqualTo("0.714"));
    }
}
