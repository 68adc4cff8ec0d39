using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>
/// A list whose items are maps validated by one schema node (the fault timeline). Item i's keys
/// live at <c>PATH[i].key</c>; PATH itself holds one map value per item, so callers can count them.
/// </summary>
internal sealed class MapListKey(SchemaNode item) : SchemaNode
{
    public override RawNode? Validate(RawNode? raw, string path, Validation v)
    {
        if (raw is null || raw is RawScalar { IsNull: true })
        {
            v.Set(path, SpecValue.OfList([]), null);
            return new RawList(SourceLocation.None, []);
        }

        if (raw is not RawList list)
        {
            v.Error(raw.At, path, $"expected a list of maps, got {Got(raw)}");
            return null;
        }

        var canon = new List<RawNode>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (item.Validate(list.Items[i], $"{path}[{i}]", v) is { } c)
            {
                canon.Add(c);
            }
        }

        v.Set(path, SpecValue.OfList(canon.Select(_ => SpecValue.Map).ToList()), raw.At);
        return new RawList(SourceLocation.None, canon);
    }

    public override IEnumerable<KeyDoc> Describe(string path) =>
        new[] { new KeyDoc(path, "list of maps", "[]", Doc) }.Concat(item.Describe(path + "[]"));
}
