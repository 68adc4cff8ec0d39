namespace GossipSim.Simulator.Protocols.Akka;

/// <summary>
/// The state Akka's cluster gossip carries: each member's incarnation (Akka's UniqueAddress uid)
/// and status, and the reachability table as one row per observer, the subjects it marks
/// unreachable at a version. Only the observer writes its row, so rows merge whole by version;
/// versions are the observer's clock, so a restarted observer's rows supersede its old ones.
/// A node writes its own copy; one sent in a message is frozen (<see cref="Frozen"/>) and the node
/// writes a fresh copy from then on.
/// </summary>
public sealed class AkkaGossip
{
    public const byte Unknown = 0, Up = 1, Down = 2;

    public AkkaGossip(int n)
    {
        Incarnation = new long[n];
        Status = new byte[n];
        RowVersion = new long[n];
        Rows = new int[n][];
        Array.Fill(Rows, []);
    }

    private AkkaGossip(AkkaGossip from)
    {
        Incarnation = (long[])from.Incarnation.Clone();
        Status = (byte[])from.Status.Clone();
        RowVersion = (long[])from.RowVersion.Clone();
        Rows = (int[][])from.Rows.Clone();
    }

    public long[] Incarnation { get; }

    public byte[] Status { get; }

    public long[] RowVersion { get; }

    /// <summary>Per observer, the subjects it marks unreachable (each array immutable once set).</summary>
    public int[][] Rows { get; }

    /// <summary>Sent in a message: read only from now on.</summary>
    public bool Frozen { get; set; }

    public AkkaGossip Copy() => new(this);

    public int Members => Status.Count(s => s == Up);

    public int Records => Rows.Sum(r => r.Length);

    /// <summary>
    /// Takes what is newer in <paramref name="other"/>: a member's later incarnation, Down over Up at
    /// the same incarnation, an observer's later row. Returns whether anything changed here;
    /// <paramref name="theyLack"/> says whether this state holds something newer than the other.
    /// </summary>
    public bool Merge(AkkaGossip other, out bool theyLack)
    {
        bool changed = false;
        theyLack = false;
        for (int m = 0; m < Status.Length; m++)
        {
            int order = Compare(other.Incarnation[m], other.Status[m], Incarnation[m], Status[m]);
            if (order > 0)
            {
                Incarnation[m] = other.Incarnation[m];
                Status[m] = other.Status[m];
                changed = true;
            }
            else if (order < 0) theyLack = true;
            if (other.RowVersion[m] > RowVersion[m])
            {
                RowVersion[m] = other.RowVersion[m];
                Rows[m] = other.Rows[m];
                changed = true;
            }
            else if (other.RowVersion[m] < RowVersion[m]) theyLack = true;
        }
        return changed;
    }

    /// <summary>Order of two (incarnation, status) states of one member: a later incarnation wins, then Down over Up.</summary>
    private static int Compare(long incarnationA, byte statusA, long incarnationB, byte statusB) =>
        incarnationA != incarnationB ? incarnationA.CompareTo(incarnationB) : statusA.CompareTo(statusB);
}
