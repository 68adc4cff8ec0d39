using GossipSim.Simulator.Protocols.Heartbeat;

namespace GossipSim.Tests.Heartbeat;

/// <summary>
/// A node's table is copied on write while a message reads it, into its spare table once no
/// message reads that: the copy must carry every column, and a table still read must never be overwritten.
/// </summary>
public class MemberTableTests
{
    private static MemberTable Filled(int members)
    {
        var table = new MemberTable(members);
        table.AddTokens(-1);
        for (int m = 0; m < members; m += 3)
        {
            table.Set(m, 10 + m, 2 * m);
            table.Tokens![m] = m % 7;
            table.TokensVersion![m] = m;
        }
        return table;
    }

    [Test]
    public void CopyTo_OverwritesEveryColumn()
    {
        var source = Filled(100);
        var spare = new MemberTable(100);
        spare.AddTokens(-1);
        spare.Set(1, 99, 99); // a member the source does not know: its bit must go
        Assert.That(source.CopyTo(spare), Is.SameAs(spare));
        Assert.That(spare.Generation, Is.EqualTo(source.Generation));
        Assert.That(spare.Heartbeat, Is.EqualTo(source.Heartbeat));
        Assert.That(spare.Known, Is.EqualTo(source.Known));
        Assert.That(spare.Tokens, Is.EqualTo(source.Tokens));
        Assert.That(spare.TokensVersion, Is.EqualTo(source.TokensVersion));
        Assert.That(MemberBits.Has(spare.Known, 1), Is.False);
    }

    [Test]
    public void Copy_IsIndependentOfTheOriginal()
    {
        var source = Filled(100);
        var copy = source.Copy();
        copy.Set(3, 1000, 1000);
        copy.Tokens![3] = 42;
        Assert.That((source.Generation[3], source.Heartbeat[3], source.Tokens![3]), Is.EqualTo((13L, 6, 3)));
    }
}
