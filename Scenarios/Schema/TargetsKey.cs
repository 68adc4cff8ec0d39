using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Schema;

/// <summary>
/// Which nodes a fault hits: a map with exactly one of <c>ids</c>, <c>count</c> or <c>fraction</c>,
/// optional <c>exclude</c> and <c>zone</c> (candidates only from that zone), plus the fault kind's own
/// keys; or <c>zone</c> alone (every candidate in the zone); or the bare word <c>all</c> where the kind
/// allows it. The chosen form is exposed as <c>PATH.by</c>.
/// </summary>
internal sealed class TargetsKey : SchemaNode
{
    private static readonly string[] Forms = ["ids", "count", "fraction", "zone"];

    private readonly bool allowAll;
    private readonly UnionByPresence union;
    private readonly MapKey zoneOnly;

    public TargetsKey(bool allowAll, params Field[] extra)
    {
        this.allowAll = allowAll;
        var exclude = new Field("exclude", new ListKey(new IntKey(min: 0)) { Doc = "node ids never picked" });
        var zone = new Field("zone", new TextKey("^[A-Za-z0-9_-]+$", "a zone name") { Doc = "candidates only from this zone of network.zones; alone: all of them" });
        union = new UnionByPresence(
        [
            ("ids", new MapKey([new("ids", new ListKey(new IntKey(min: 0), minCount: 1) { Doc = "these node ids (< nodes); an id that is not a candidate of the kind when it fires (a crash of a node already down, a restart of an up node) is skipped" }, Required: true), .. extra])),
            ("count", new MapKey([new("count", new IntKey(min: 1) { Doc = "this many nodes (<= nodes), drawn from the faults stream" }, Required: true), exclude, zone, .. extra])),
            ("fraction", new MapKey([new("fraction", new RealKey(0, 1) { Doc = "this share of the candidates (in (0, 1]; rounded, at least one)" }, Required: true), exclude, zone, .. extra])),
        ]);
        zoneOnly = new MapKey([zone with { Required = true }, exclude, .. extra]);
    }

    public override RawNode? Validate(RawNode? raw, string path, Validation v)
    {
        if (raw is RawScalar { IsNull: false } s)
        {
            if (allowAll && s.Text == "all")
            {
                v.Set(Validation.Join(path, "by"), SpecValue.OfText("all"), s.At);
                return new RawScalar(SourceLocation.None, "all", false);
            }

            v.Error(s.At, path, $"expected {{ids: [..]}}, {{count: n}} or {{fraction: x}}{(allowAll ? " or all" : "")}, got '{s.Text}'");
            return null;
        }

        if (raw is null)
        {
            return null;
        }

        if (raw is RawMap map && map.Find("zone") is not null && !map.Entries.Any(e => e.Key is "ids" or "count" or "fraction"))
        {
            v.Set(Validation.Join(path, "by"), SpecValue.OfText("zone"), raw.At);
            return zoneOnly.ValidateMap(map, path, v, null, " (with 'zone')");
        }

        var canon = union.Validate(raw, path, v);
        // UnionByPresence names the chosen key PATH.kind; targets call it PATH.by so that a fault's
        // own kind key cannot be confused with the form of its targets.
        if (v.Get(Validation.Join(path, "kind")) is { } form)
        {
            v.Values.Remove(Validation.Join(path, "kind"));
            v.Set(Validation.Join(path, "by"), form, raw.At);
        }

        return canon;
    }

    public override bool ReplacesOnMerge(RawNode baseNode, RawNode overlay) => true;

    public override IEnumerable<KeyDoc> Describe(string path) =>
        new[] { new KeyDoc(Validation.Join(path, "by"), "read-only: " + string.Join(" | ", allowAll ? [.. Forms, "all"] : Forms), "(absent)", "which target form was used") }
            .Concat(union.Describe(path).Where(d => d.Path != Validation.Join(path, "kind")));
}
