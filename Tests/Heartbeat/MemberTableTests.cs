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
        Assert.That(spare.Keys, Is.EqualTo(source.Keys));
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
        Assert.That((source.IncarnationOf(3), source.HeartbeatOf(3), source.Tokens![3]), Is.EqualTo((13, 6, 3)));
    }

    [Test]
    public void Keys_OrderAsCassandrasComparison()
    {
        var table = new MemberTable(4);
        table.Set(0, 1, int.MaxValue);
        table.Set(1, 2, 0);
        table.Set(2, 2, 5);
        table.Set(3, 0, 0);
        Assert.That(table.Keys[1], Is.GreaterThan(table.Keys[0]), "a higher incarnation beats any heartbeat");
        Assert.That(table.Keys[2], Is.GreaterThan(table.Keys[1]), "same incarnation: the higher heartbeat");
        Assert.That(table.Keys[0], Is.GreaterThan(table.Keys[3]), "anything beats not held");
        table.SetHeartbeat(2, 6);
        Assert.That((table.IncarnationOf(2), table.HeartbeatOf(2)), Is.EqualTo((2, 6)));
    }

    [Test]
    public void Generations_RankEachMembersGenerationsAndRepeatAnEqualOne()
    {
        var generations = new Generations(3);
        Assert.That(generations.Register(1, 500), Is.EqualTo(1));
        Assert.That(generations.Register(1, 500), Is.EqualTo(1), "a restart within the same microsecond is the same generation");
        Assert.That(generations.Register(1, 9_000), Is.EqualTo(2));
        Assert.That(generations.Register(2, 7), Is.EqualTo(1), "ranks are per member");
        Assert.That((generations.ValueOf(1, 2), generations.ValueOf(1, 1), generations.ValueOf(1, 0)), Is.EqualTo((9_000L, 500L, 0L)));
        Assert.Throws<InvalidOperationException>(() => generations.Register(1, 8_999), "a generation below the last would break the order");
    }
}
