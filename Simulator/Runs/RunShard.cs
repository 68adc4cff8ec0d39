using System.Text;

namespace GossipSim.Simulator.Runs;

/// <summary>
/// <c>--shard i/N</c>: the stable 1/N of a plan's runs that shard i runs. A run belongs to the
/// shard picked by the FNV-1a hash of its run id, so the split depends only on the run id, not
/// on the process, the runtime's string hashing, the machine or the other runs in the plan.
/// </summary>
public sealed record RunShard(int Index, int Count)
{
    public static readonly RunShard All = new(1, 1);

    /// <summary>Parses "i/N" with 1 &lt;= i &lt;= N; null with a reason when it is not that.</summary>
    public static RunShard? Parse(string text, out string? problem)
    {
        problem = null;
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int index) || !int.TryParse(parts[1], out int count))
        {
            problem = $"'{text}' is not of the form i/N (e.g. 2/8)";
            return null;
        }
        if (count < 1 || index < 1 || index > count)
        {
            problem = $"'{text}': need 1 <= i <= N";
            return null;
        }
        return new RunShard(index, count);
    }

    public bool Contains(string runId) => Count == 1 || (int)(Fnv1a64(runId) % (ulong)Count) == Index - 1;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>64-bit FNV-1a over the UTF-8 bytes.</summary>
    public static ulong Fnv1a64(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
