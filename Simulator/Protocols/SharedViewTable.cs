using System.Runtime.CompilerServices;

namespace GossipSim.Simulator.Protocols;

/// <summary>
/// Many views of the same columns (each node's belief about every member) stored as one shared
/// baseline row plus, per row, only the cells where that row differs. A row either follows the
/// baseline (a holder) or starts from all-default (a fresh process that knows nothing yet).
/// Storage only: every row reads exactly what it wrote, as if it had a private copy.
/// </summary>
/// <remarks>
/// A converged cluster costs O(columns), not O(rows x columns). Differences that every holder comes
/// to share (a refuted suspicion's new incarnation, a crashed member forgotten everywhere) fold
/// back into the baseline, so long runs do not accumulate them: per column the table keeps how many
/// holders differ there and a sum of their cells' fingerprints, so "every holder holds this value"
/// is an O(1) test at each write, confirmed by one O(rows) scan only when it passes.
/// Columns that changed by a fold are logged (column, value before), so a copy of a row taken
/// earlier (a push-pull snapshot) can still say what its baseline cells were.
/// A row whose differences would cost more than twice a plain array of its cells is kept as that
/// array instead (a joiner that learned the whole cluster, a cluster learning itself from nothing),
/// so no row ever costs much more than a private copy; it follows the baseline from then on, and goes
/// back to a map once its differences cost under half the array. The gap between the two
/// bounds makes each switch, an O(columns) copy, paid for by the writes that led to it.
/// </remarks>
public sealed class SharedViewTable<T> where T : unmanaged
{
    private static readonly EqualityComparer<T> Eq = EqualityComparer<T>.Default;
    /// <summary>What a stored difference costs: a <see cref="ColumnMap{T}"/> slot (the column and the cell) at the map's average load of one half.</summary>
    private static readonly int DifferenceBytes = 2 * Unsafe.SizeOf<ColumnMap<T>.Slot>();
    /// <summary>The capacity of an emptied map that a row keeps rather than gives back.</summary>
    private const int KeptCapacity = 16;

    private readonly T[] _baseline;
    private readonly ColumnMap<T>?[] _differences;
    /// <summary>Rows kept as a whole array of cells (always holders), else null.</summary>
    private readonly T[]?[] _dense;
    /// <summary>Per dense row: its cells that differ from the baseline (the diagonal not counted when ignored).</summary>
    private readonly int[] _denseDiffering;
    private readonly bool[] _holder;
    /// <summary>Per column: holders that differ there, and the sum of those cells' fingerprints.</summary>
    private readonly int[] _differing;
    private readonly ulong[] _fingerprintSum;
    private readonly bool _diagonalIgnored;
    private readonly Func<T, ulong> _fingerprint;
    private readonly Func<T, bool> _foldable;
    private readonly List<(int Column, T Before)> _folds = new();
    private readonly long _denseBytes;
    private int _holders;
    /// <summary>Baseline cells other than default: while none, following the baseline is reading all-default.</summary>
    private int _baselineSet;

    /// <param name="rows">Observers: one row each.</param>
    /// <param name="columns">Subjects: one cell per observer each.</param>
    /// <param name="diagonalIgnored">Row i's cell i is never read (an observer about itself), so it does not block a fold.</param>
    /// <param name="fingerprint">A well-mixed 64-bit hash of a cell; equal cells, equal hashes.</param>
    /// <param name="foldable">Values the baseline may take by folding.</param>
    public SharedViewTable(int rows, int columns, bool diagonalIgnored, Func<T, ulong> fingerprint, Func<T, bool> foldable)
    {
        _baseline = new T[columns];
        _differences = new ColumnMap<T>?[rows];
        _dense = new T[]?[rows];
        _denseDiffering = new int[rows];
        _holder = new bool[rows];
        _differing = new int[columns];
        _fingerprintSum = new ulong[columns];
        _diagonalIgnored = diagonalIgnored;
        _fingerprint = fingerprint;
        _foldable = foldable;
        _denseBytes = (long)columns * Unsafe.SizeOf<T>();
    }

    /// <summary>Called after a fold with (column, value before, value now); no row's view changed.</summary>
    public Action<int, T, T>? Folded { get; set; }

    /// <summary>Called just before and just after a row that did not follow the baseline starts to (its reads do not change).</summary>
    public Action<int>? Rebasing { get; set; }

    public Action<int>? Rebased { get; set; }

    public T Baseline(int column) => _baseline[column];

    public bool FollowsBaseline(int row) => _holder[row];

    /// <summary>Folds so far; a snapshot keeps this count to look its baseline up later (<see cref="BaselineSince"/>).</summary>
    public int FoldCount => _folds.Count;

    /// <summary>Cells where a row differs from what it falls back to (the baseline, or default).</summary>
    public int DifferenceCount(int row) => _dense[row] is not null ? _denseDiffering[row] : _differences[row]?.Count ?? 0;

    /// <summary>Whether the row is kept as a whole array (for tests of the memory bound).</summary>
    public bool IsDense(int row) => _dense[row] is not null;

    public T Get(int row, int column)
    {
        if (_dense[row] is { } cells) return cells[column];
        var d = _differences[row];
        if (d is not null && d.Count > 0 && d.TryGetValue(column, out T value)) return value;
        return _holder[row] ? _baseline[column] : default;
    }

    public void Set(int row, int column, T value)
    {
        if (_dense[row] is { } cells)
        {
            SetDense(row, cells, column, value);
            return;
        }
        bool holder = _holder[row];
        var d = _differences[row];
        if (d is not null && d.Remove(column, out T old) && holder) Uncount(column, old);
        if (Eq.Equals(value, holder ? _baseline[column] : default)) return;
        (d ??= _differences[row] = new ColumnMap<T>())[column] = value;
        if (holder) Count(column, value);
        if ((long)d.Count * DifferenceBytes > 2 * _denseBytes) ToDense(row, d);
        if (_holder[row]) TryFold(column, value);
    }

    /// <summary>Forgets a row's cells (a process that ended or starts afresh); it then follows the baseline or reads all-default.</summary>
    public void Reset(int row, bool followBaseline)
    {
        if (_dense[row] is { } cells)
        {
            for (int c = 0; c < cells.Length; c++)
                if (Counts(row, c) && !Eq.Equals(cells[c], _baseline[c])) Uncount(c, cells[c]);
            _dense[row] = null;
        }
        else if (_differences[row] is { } d && _holder[row])
        {
            foreach (var (column, value) in d) Uncount(column, value);
        }
        // Dropped, not cleared: a fresh row rarely needs the capacity of the old one.
        _differences[row] = null;
        if (_holder[row]) _holders--;
        _holder[row] = followBaseline;
        if (followBaseline) _holders++;
    }

    /// <summary>
    /// A fresh row that reads all-default: it follows the baseline while the baseline is all default
    /// (so that a cluster which comes to agree can fold), else it starts on its own.
    /// </summary>
    public void ResetToDefault(int row) => Reset(row, followBaseline: _baselineSet == 0);

    /// <summary>Sets a baseline cell directly: only before any row follows the baseline (the run's starting view).</summary>
    public void SetBaseline(int column, T value)
    {
        if (_holders > 0) throw new InvalidOperationException("the baseline can be set directly only before rows follow it");
        SetBaselineCell(column, value);
    }

    /// <summary>The row's cells that differ from what it falls back to, in ascending column order, into <paramref name="into"/> (cleared first).</summary>
    public void CopyDifferences(int row, List<(int Column, T Value)> into)
    {
        into.Clear();
        if (_dense[row] is { } cells)
        {
            for (int c = 0; c < cells.Length; c++)
                if (Counts(row, c) && !Eq.Equals(cells[c], _baseline[c])) into.Add((c, cells[c]));
            return;
        }
        var d = _differences[row];
        if (d is null) return;
        foreach (var (column, value) in d) into.Add((column, value));
        into.Sort(static (a, b) => a.Column.CompareTo(b.Column));
    }

    /// <summary>The baseline cell as it was when <see cref="FoldCount"/> was <paramref name="foldCount"/>.</summary>
    public T BaselineSince(int column, int foldCount)
    {
        for (int k = foldCount; k < _folds.Count; k++)
            if (_folds[k].Column == column) return _folds[k].Before;
        return _baseline[column];
    }

    /// <summary>Columns folded since <paramref name="foldCount"/> folds, into <paramref name="into"/> (appended, may repeat).</summary>
    public void FoldedColumnsSince(int foldCount, List<int> into)
    {
        for (int k = foldCount; k < _folds.Count; k++) into.Add(_folds[k].Column);
    }

    /// <summary>Whether a row's cell takes part in the per-column counts (not an ignored diagonal).</summary>
    private bool Counts(int row, int column) => !(_diagonalIgnored && row == column);

    private void SetDense(int row, T[] cells, int column, T value)
    {
        T old = cells[column];
        cells[column] = value;
        if (!Counts(row, column) || Eq.Equals(old, value)) return;
        T baseline = _baseline[column];
        if (!Eq.Equals(old, baseline))
        {
            Uncount(column, old);
            _denseDiffering[row]--;
        }
        if (Eq.Equals(value, baseline))
        {
            if ((long)_denseDiffering[row] * DifferenceBytes * 2 < _denseBytes) ToSparse(row, cells);
            return;
        }
        Count(column, value);
        _denseDiffering[row]++;
        TryFold(column, value);
    }

    /// <summary>Keeps the row as a whole array; a row on its own starts to follow the baseline, its differences now counted.</summary>
    private void ToDense(int row, ColumnMap<T> d)
    {
        bool holder = _holder[row];
        if (!holder) Rebasing?.Invoke(row);
        var cells = new T[_baseline.Length];
        if (holder) Array.Copy(_baseline, cells, cells.Length);
        foreach (var (column, value) in d) cells[column] = value;
        _differences[row] = null;
        _dense[row] = cells;
        int differing = 0;
        for (int c = 0; c < cells.Length; c++)
        {
            if (!Counts(row, c) || Eq.Equals(cells[c], _baseline[c])) continue;
            differing++;
            if (!holder) Count(c, cells[c]);
        }
        _denseDiffering[row] = differing;
        if (holder) return;
        _holder[row] = true;
        _holders++;
        Rebased?.Invoke(row);
    }

    /// <summary>Back to a map of the differences (the counts already hold them).</summary>
    private void ToSparse(int row, T[] cells)
    {
        var d = new ColumnMap<T>(_denseDiffering[row]);
        for (int c = 0; c < cells.Length; c++)
            if (Counts(row, c) && !Eq.Equals(cells[c], _baseline[c])) d[c] = cells[c];
        _dense[row] = null;
        _differences[row] = d.Count == 0 ? null : d;
    }

    private void SetBaselineCell(int column, T value)
    {
        _baselineSet += (Eq.Equals(value, default) ? 0 : 1) - (Eq.Equals(_baseline[column], default) ? 0 : 1);
        _baseline[column] = value;
    }

    private void Count(int column, T value)
    {
        _differing[column]++;
        _fingerprintSum[column] += _fingerprint(value);
    }

    private void Uncount(int column, T value)
    {
        _differing[column]--;
        _fingerprintSum[column] -= _fingerprint(value);
    }

    private void TryFold(int column, T value)
    {
        int required = _holders - (_diagonalIgnored && column < _holder.Length && _holder[column] ? 1 : 0);
        if (_differing[column] != required || _fingerprintSum[column] != (ulong)required * _fingerprint(value) || !_foldable(value)) return;
        // The fingerprints agree; confirm cell by cell before the baseline moves.
        for (int r = 0; r < _holder.Length; r++)
        {
            if (!_holder[r] || !Counts(r, column)) continue;
            if (!Eq.Equals(Get(r, column), value) || (_dense[r] is null && _differences[r]?.ContainsKey(column) != true)) return;
        }
        T before = _baseline[column];
        SetBaselineCell(column, value);
        _differing[column] = 0;
        _fingerprintSum[column] = 0;
        _folds.Add((column, before));
        for (int r = 0; r < _holder.Length; r++)
        {
            if (!_holder[r] || !Counts(r, column)) continue;
            if (_dense[r] is { } cells)
            {
                // The cell now equals the baseline.
                if (--_denseDiffering[r] * (long)DifferenceBytes * 2 < _denseBytes) ToSparse(r, cells);
                continue;
            }
            var d = _differences[r]!;
            d.Remove(column);
            // A row back to no differences gives a large map back (a cluster that learned
            // itself); a small one is kept for the row's next difference, as reallocating it for
            // every row at every fold (each refuted suspicion) would only feed the collector.
            if (d.Count == 0 && d.Capacity > KeptCapacity) _differences[r] = null;
        }
        Folded?.Invoke(column, before, value);
    }
}
