using GossipSim.Simulator.Protocols;
using GossipSim.Simulator.Random;

namespace GossipSim.Tests.Protocols;

/// <summary>
/// The shared view table against a dense reference (a private copy of every row): whatever the
/// writes, resets and folds, every row reads what a private copy would hold.
/// </summary>
public class SharedViewTableTests
{
    private static SharedViewTable<int> Table(int rows, int columns, bool diagonalIgnored = false, Func<int, bool>? foldable = null) =>
        new(rows, columns, diagonalIgnored, v => SplitMix64.Mix((ulong)v), foldable ?? (_ => true));

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void Reads_AfterRandomWritesResetsAndFolds_EqualADenseReference(ulong seed)
    {
        const int rows = 12, columns = 9;
        var random = new Xoshiro256StarStar(seed);
        var table = Table(rows, columns, foldable: v => v != 3);
        var dense = new int[rows, columns];
        for (int c = 0; c < columns; c++) table.SetBaseline(c, 1);
        for (int r = 0; r < rows; r++)
        {
            table.Reset(r, followBaseline: r % 4 != 0);
            for (int c = 0; c < columns; c++) dense[r, c] = r % 4 != 0 ? 1 : 0;
        }
        int folds = 0;
        table.Folded = (_, _, _) => folds++;
        for (int step = 0; step < 20_000; step++)
        {
            int r = random.NextInt(rows);
            if (random.NextInt(200) == 0)
            {
                bool follow = random.NextInt(2) == 0;
                table.Reset(r, follow);
                for (int c = 0; c < columns; c++) dense[r, c] = follow ? table.Baseline(c) : 0;
                continue;
            }
            int column = random.NextInt(columns);
            // Mostly each column's own common value, so that rows often come to agree and columns fold.
            int value = random.NextInt(3) == 0 ? random.NextInt(4) : column % 3;
            table.Set(r, column, value);
            dense[r, column] = value;
            for (int c = 0; c < columns; c++) Assert.That(table.Get(r, c), Is.EqualTo(dense[r, c]), $"step {step}, row {r}, column {c}");
        }
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) Assert.That(table.Get(r, c), Is.EqualTo(dense[r, c]));
        Assert.That(folds, Is.GreaterThan(0), "the script should fold some columns");
    }

    [Test]
    public void Set_EveryHolderAgrees_FoldsIntoTheBaselineAndStoresNothing()
    {
        var table = Table(5, 3);
        for (int r = 0; r < 5; r++) table.Reset(r, followBaseline: true);
        for (int r = 0; r < 4; r++) table.Set(r, 1, 7);
        Assert.That(table.DifferenceCount(0), Is.EqualTo(1));
        Assert.That(table.Baseline(1), Is.Zero);
        table.Set(4, 1, 7);
        Assert.That(table.Baseline(1), Is.EqualTo(7));
        for (int r = 0; r < 5; r++)
        {
            Assert.That(table.DifferenceCount(r), Is.Zero);
            Assert.That(table.Get(r, 1), Is.EqualTo(7));
        }
    }

    [Test]
    public void Set_ValueNotFoldable_StaysStoredPerRow()
    {
        var table = Table(3, 2, foldable: v => v != 2);
        for (int r = 0; r < 3; r++) table.Reset(r, followBaseline: true);
        for (int r = 0; r < 3; r++) table.Set(r, 0, 2);
        Assert.That(table.Baseline(0), Is.Zero);
        Assert.That(table.DifferenceCount(2), Is.EqualTo(1));
    }

    [Test]
    public void Set_DiagonalIgnored_RowsOwnCellDoesNotBlockTheFold()
    {
        var table = Table(3, 3, diagonalIgnored: true);
        for (int r = 0; r < 3; r++) table.Reset(r, followBaseline: true);
        table.Set(0, 2, 5);
        table.Set(1, 2, 5);
        Assert.That(table.Baseline(2), Is.EqualTo(5), "row 2 never writes its own cell 2");
    }

    [Test]
    public void Reset_ReleasedRow_NoLongerCountsTowardsAFold()
    {
        var table = Table(3, 2);
        for (int r = 0; r < 3; r++) table.Reset(r, followBaseline: true);
        table.Set(2, 0, 4);
        table.Reset(2, followBaseline: false);
        table.Set(0, 0, 9);
        table.Set(1, 0, 9);
        Assert.That(table.Baseline(0), Is.EqualTo(9));
        Assert.That(table.Get(2, 0), Is.Zero, "a row that does not follow the baseline reads default");
    }

    [Test]
    public void Set_RowOnItsOwnComesToMatchTheBaseline_IsRebasedOntoIt()
    {
        const int columns = 64;
        var table = Table(2, columns);
        for (int c = 0; c < columns; c++) table.SetBaseline(c, 5);
        table.Reset(0, followBaseline: true);
        table.ResetToDefault(1);
        Assert.That(table.FollowsBaseline(1), Is.False, "the baseline is not all default");
        int rebased = 0;
        table.Rebased = _ => rebased++;
        // A joiner learns the members one by one; one of them it holds differently.
        for (int c = 0; c < columns; c++) table.Set(1, c, c == 3 ? 6 : 5);
        Assert.That(rebased, Is.EqualTo(1));
        Assert.That(table.FollowsBaseline(1), Is.True);
        Assert.That(table.DifferenceCount(1), Is.EqualTo(1));
        for (int c = 0; c < columns; c++) Assert.That(table.Get(1, c), Is.EqualTo(c == 3 ? 6 : 5));
    }

    [Test]
    public void Set_RowDiffersInMostCells_IsKeptAsAnArrayAndBackAsDifferences()
    {
        const int columns = 64;
        var table = Table(2, columns);
        for (int r = 0; r < 2; r++) table.Reset(r, followBaseline: true);
        for (int c = 0; c < columns; c++) table.Set(0, c, 9);
        Assert.That(table.IsDense(0), Is.True, "64 differences cost more than twice an array of 64 cells");
        Assert.That(table.DifferenceCount(0), Is.EqualTo(columns));
        for (int c = 0; c < columns; c++) table.Set(0, c, c == 10 ? 4 : 0);
        Assert.That(table.IsDense(0), Is.False);
        Assert.That(table.DifferenceCount(0), Is.EqualTo(1));
        for (int c = 0; c < columns; c++) Assert.That(table.Get(0, c), Is.EqualTo(c == 10 ? 4 : 0));
    }

    [Test]
    public void ResetToDefault_BaselineAllDefault_FollowsItSoAgreementFolds()
    {
        var table = Table(3, 3);
        for (int r = 0; r < 3; r++) table.ResetToDefault(r);
        Assert.That(table.FollowsBaseline(0), Is.True);
        for (int r = 0; r < 3; r++) table.Set(r, 1, 2);
        Assert.That(table.Baseline(1), Is.EqualTo(2));
    }

    [Test]
    public void BaselineSince_AfterALaterFold_GivesTheCellAsItWas()
    {
        var table = Table(2, 2);
        table.SetBaseline(1, 3);
        for (int r = 0; r < 2; r++) table.Reset(r, followBaseline: true);
        int before = table.FoldCount;
        table.Set(0, 1, 8);
        table.Set(1, 1, 8);
        Assert.That(table.Baseline(1), Is.EqualTo(8));
        Assert.That(table.BaselineSince(1, before), Is.EqualTo(3));
        Assert.That(table.BaselineSince(1, table.FoldCount), Is.EqualTo(8));
        var folded = new List<int>();
        table.FoldedColumnsSince(before, folded);
        Assert.That(folded, Is.EqualTo(new[] { 1 }));
    }
}
