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
/// A row that does not follow the baseline and has come to store many cells (a joiner that learned
/// the whole cluster) is rebased: if it differs from the baseline in fewer cells than half of what it
/// stores, it stores those and follows the baseline from then on. Checked when its count doubles, so
/// the O(columns) comparison is paid for by the writes that grew it.
/// </remarks>
public sealed class SharedViewTable<T> where T : unmanaged
{
    private static readonly EqualityComparer<T> Eq = EqualityComparer<T>.Default;

    private readonly T[] _baseline;
    private readonly Dictionary<int, T>?[] _differences;
    private readonly bool[] _holder;
    /// <summary>Per column: holders that differ there, and the sum of those cells' fingerprints.</summary>
    private readonly int[] _differing;
    private readonly ulong[] _fingerprintSum;
    private readonly bool _diagonalIgnored;
    private readonly Func<T, ulong> _fingerprint;
    private readonly Func<T, bool> _foldable;
    private readonly List<(int Column, T Before)> _folds = new();
    /// <summary>Per row that does not follow the baseline: its stored count at which a rebase is next considered.</summary>
    private readonly int[] _rebaseAt;
    private readonly int _firstRebaseAt;
    private int _holders;
    /// <summary>Baseline cells other than default: while none, following the baseline is reading all-default.</summary>
    private int _baselineSet;

    /// <param name="diagonalIgnored">Row i's cell i is never read (an observer about itself), so it does not block a fold.</param>
    /// <param name="fingerprint">A well-mixed 64-bit hash of a cell; equal cells, equal hashes.</param>
    /// <param name="foldable">Values the baseline may take by folding.</param>
    public SharedViewTable(int rows, int columns, bool diagonalIgnored, Func<T, ulong> fingerprint, Func<T, bool> foldable)
    {
        _baseline = new T[columns];
        _differences = new Dictionary<int, T>?[rows];
        _holder = new bool[rows];
        _differing = new int[columns];
        _fingerprintSum = new ulong[columns];
        _diagonalIgnored = diagonalIgnored;
        _fingerprint = fingerprint;
        _foldable = foldable;
        _rebaseAt = new int[rows];
        _firstRebaseAt = Math.Max(4, columns / 8);
    }

    public int Columns => _baseline.Length;

    /// <summary>Called after a fold with (column, value before, value now); no row's view changed.</summary>
    public Action<int, T, T>? Folded { get; set; }

    /// <summary>Called just before and just after a row is rebased onto the baseline (its reads do not change).</summary>
    public Action<int>? Rebasing { get; set; }

    public Action<int>? Rebased { get; set; }

    public T Baseline(int column) => _baseline[column];

    public bool FollowsBaseline(int row) => _holder[row];

    /// <summary>Folds so far; a snapshot keeps this count to look its baseline up later (<see cref="BaselineSince"/>).</summary>
    public int FoldCount => _folds.Count;

    /// <summary>Cells stored for a row; its other cells read from the baseline (holders) or as default.</summary>
    public int DifferenceCount(int row) => _differences[row]?.Count ?? 0;

    public T Get(int row, int column)
    {
        var d = _differences[row];
        if (d is not null && d.Count > 0 && d.TryGetValue(column, out T value)) return value;
        return _holder[row] ? _baseline[column] : default;
    }

    public void Set(int row, int column, T value)
    {
        bool holder = _holder[row];
        var d = _differences[row];
        if (d is not null && d.Remove(column, out T old) && holder) Uncount(column, old);
        if (Eq.Equals(value, holder ? _baseline[column] : default)) return;
        (d ??= _differences[row] = new Dictionary<int, T>())[column] = value;
        if (!holder)
        {
            if (d.Count >= _rebaseAt[row]) TryRebase(row, d);
            return;
        }
        _differing[column]++;
        _fingerprintSum[column] += _fingerprint(value);
        TryFold(column, value);
    }

    /// <summary>Forgets a row's cells (a process that ended or starts afresh); it then follows the baseline or reads all-default.</summary>
    public void Reset(int row, bool followBaseline)
    {
        var d = _differences[row];
        if (d is not null)
        {
            if (_holder[row])
                foreach (var (column, value) in d) Uncount(column, value);
            // Dropped, not cleared: a fresh row rarely needs the capacity of the old one.
            _differences[row] = null;
        }
        if (_holder[row]) _holders--;
        _holder[row] = followBaseline;
        if (followBaseline) _holders++;
        _rebaseAt[row] = _firstRebaseAt;
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

    /// <summary>The row's stored cells in ascending column order, into <paramref name="into"/> (cleared first).</summary>
    public void CopyDifferences(int row, List<(int Column, T Value)> into)
    {
        into.Clear();
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

    private void SetBaselineCell(int column, T value)
    {
        _baselineSet += (Eq.Equals(value, default) ? 0 : 1) - (Eq.Equals(_baseline[column], default) ? 0 : 1);
        _baseline[column] = value;
    }

    /// <summary>Switches a row to the baseline if that stores under half as many cells; else waits until its count doubles.</summary>
    private void TryRebase(int row, Dictionary<int, T> d)
    {
        int limit = d.Count / 2, differing = 0;
        for (int c = 0; c < _baseline.Length && differing < limit; c++)
            if (!(_diagonalIgnored && c == row) && !Eq.Equals(Get(row, c), _baseline[c])) differing++;
        if (differing >= limit)
        {
            _rebaseAt[row] = 2 * d.Count;
            return;
        }
        Rebasing?.Invoke(row);
        var rebased = new Dictionary<int, T>(differing);
        for (int c = 0; c < _baseline.Length; c++)
        {
            if (_diagonalIgnored && c == row) continue;
            T cell = Get(row, c);
            if (Eq.Equals(cell, _baseline[c])) continue;
            rebased[c] = cell;
            _differing[c]++;
            _fingerprintSum[c] += _fingerprint(cell);
        }
        _differences[row] = rebased;
        _holder[row] = true;
        _holders++;
        Rebased?.Invoke(row);
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
            if (!_holder[r] || (_diagonalIgnored && r == column)) continue;
            if (_differences[r] is not { } d || !d.TryGetValue(column, out T cell) || !Eq.Equals(cell, value)) return;
        }
        for (int r = 0; r < _holder.Length; r++)
        {
            if (!_holder[r] || (_diagonalIgnored && r == column)) continue;
            var d = _differences[r]!;
            d.Remove(column);
            // A row back to no differences gives its storage back (a cluster that has converged).
            if (d.Count == 0) _differences[r] = null;
        }
        _differing[column] = 0;
        _fingerprintSum[column] = 0;
        T before = _baseline[column];
        SetBaselineCell(column, value);
        _folds.Add((column, before));
        Folded?.Invoke(column, before, value);
    }
}
