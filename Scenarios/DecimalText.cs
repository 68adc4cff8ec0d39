using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace GossipSim.Scenarios;

/// <summary>
/// A number as written, scaled by a power of ten exactly: the decimal exponent of the text is
/// moved rather than the value multiplied, since 99.9 * 0.01 and 99.9 / 100 are both
/// 0.9990000000000001 while "99.9e-2" reads as 0.999. Bounds with units (<c>99.9%</c>, <c>6.1ms</c>)
/// and probabilities written as percentages (<c>loss: 1%</c>) are read this way.
/// </summary>
internal static partial class DecimalText
{
    /// <summary>A decimal number at the start of a text: mantissa and optional exponent.</summary>
    [GeneratedRegex(@"^(?<mantissa>[+-]?(\d+\.?\d*|\.\d+))([eE](?<exponent>[+-]?\d+))?")]
    public static partial Regex Number();

    /// <summary>The number matched by <see cref="Number"/>, times ten to <paramref name="exponent"/>, read as one decimal so that it is the double nearest to the exact value.</summary>
    public static double Scaled(Match number, int exponent)
    {
        if (exponent == 0) return double.Parse(number.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var written = number.Groups["exponent"];
        var total = (written.Success ? BigInteger.Parse(written.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : BigInteger.Zero) + exponent;
        return double.Parse(number.Groups["mantissa"].Value + "e" + total.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
