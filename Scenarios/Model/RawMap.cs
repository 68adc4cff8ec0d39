namespace GossipSim.Scenarios.Model;

/// <summary>A mapping that keeps file order and the position of every key.</summary>
internal sealed class RawMap(SourceLocation at, List<RawEntry> entries) : RawNode(at)
{
    public List<RawEntry> Entries { get; } = entries;

    public RawEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key == key);

    public RawNode? Get(string key) => Find(key)?.Value;

    public void Set(string key, SourceLocation keyAt, RawNode value)
    {
        var i = Entries.FindIndex(e => e.Key == key);
        if (i >= 0)
        {
            Entries[i] = new RawEntry(key, keyAt, value);
        }
        else
        {
            Entries.Add(new RawEntry(key, keyAt, value));
        }
    }

    public bool Remove(string key) => Entries.RemoveAll(e => e.Key == key) > 0;

    public override RawNode Clone() =>
        new RawMap(At, Entries.Select(e => e with { Value = e.Value.Clone() }).ToList());

    public override string Describe() => "a map";
}

internal sealed record RawEntry(string Key, SourceLocation KeyAt, RawNode Value);
