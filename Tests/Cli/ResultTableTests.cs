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
}
