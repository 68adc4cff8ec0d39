using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>A list of scalars of one type (tags, update times).</summary>
internal sealed class ListKey(ScalarKey item, int minCount = 0, bool absentIsEmpty = false) : SchemaNode
{
    public override RawNode? Validate(RawNode? raw, string path, Validation v)
    {
        if (raw is null)
        {
            if (!absentIsEmpty)
            {
                return null;
            }

            v.Set(path, SpecValue.OfList([]), null);
            return new RawList(SourceLocation.None, []);
        }

        if (raw is not RawList list)
        {
            v.Error(raw.At, path, $"expected a list of {item.TypeName}, got {Got(raw)}");
            return null;
        }

        if (list.Items.Count < minCount)
        {
            v.Error(raw.At, path, $"needs at least {minCount} value(s)");
            return null;
        }

        var values = new List<SpecValue>();
        var passed = new List<(int Index, SpecValue Value, SourceLocation At)>();
        var ok = true;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (list.Items[i] is not RawScalar { IsNull: false } s)
            {
                v.Error(list.Items[i].At, itemPath, $"expected {item.TypeName}, got {Got(list.Items[i])}");
                ok = false;
                continue;
            }

            if (item.Parse(s, itemPath, v) is { } value)
            {
                v.Locate(itemPath, s.At);
                values.Add(value);
                passed.Add((i, value, s.At));
            }
            else
            {
                ok = false;
            }
        }

        if (!ok)
        {
            // The items that passed stay visible to cross-field rules (RuleScope.Items), so a list
            // with one bad item still has its other items checked against the rest of the scenario.
            foreach (var (index, value, at) in passed)
            {
                v.Set($"{path}[{index}]", value, at);
            }

            return null;
        }

        v.Set(path, SpecValue.OfList(values), raw.At);
        return new RawList(SourceLocation.None, values.Select(x => (RawNode)ScalarKey.Canon(x)).ToList());
    }

    public override IEnumerable<KeyDoc> Describe(string path) =>
        [new KeyDoc(path, $"list of {item.TypeName}", absentIsEmpty ? "[]" : "(none)", Doc)];
}
