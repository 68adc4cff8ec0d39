using System.Globalization;

namespace GossipSim.Scenarios.Schema;

/// <summary>One validated value in the flat path -> value table behind ScenarioSpec.</summary>
internal sealed record SpecValue(ValueKind Kind, long Integer = 0, ulong Unsigned = 0, double Real = 0, bool Flag = false,
    string Text = "", IReadOnlyList<SpecValue>? Items = null)
{
    public static readonly SpecValue Map = new(ValueKind.Map);

    public static SpecValue OfInt(long v) => new(ValueKind.Int, Integer: v);

    public static SpecValue OfULong(ulong v) => new(ValueKind.ULong, Unsigned: v);

    public static SpecValue OfReal(double v) => new(ValueKind.Real, Real: v);

    public static SpecValue OfBool(bool v) => new(ValueKind.Bool, Flag: v);

    public static SpecValue OfText(string v) => new(ValueKind.Text, Text: v);

    public static SpecValue OfDuration(long us) => new(ValueKind.Duration, Integer: us);

    public static SpecValue OfList(IReadOnlyList<SpecValue> items) => new(ValueKind.List, Items: items);

    /// <summary>Stable text: the same value always prints the same way (hashes, sweep parameters).</summary>
    public string Canonical() => Kind switch
    {
        ValueKind.Int => Integer.ToString(CultureInfo.InvariantCulture),
        ValueKind.ULong => Unsigned.ToString(CultureInfo.InvariantCulture),
        ValueKind.Real => Real.ToString("R", CultureInfo.InvariantCulture),
        ValueKind.Bool => Flag ? "true" : "false",
        ValueKind.Text => Text,
        ValueKind.Duration => DurationText.Format(Integer),
        ValueKind.List => "[" + string.Join(", ", Items!.Select(i => i.Canonical())) + "]",
        _ => "{}",
    };

    public string KindName => Kind switch
    {
        ValueKind.Int => "an int",
        ValueKind.ULong => "an unsigned int",
        ValueKind.Real => "a number",
        ValueKind.Bool => "a bool",
        ValueKind.Text => "text",
        ValueKind.Duration => "a duration",
        ValueKind.List => "a list",
        _ => "a map",
    };
}
