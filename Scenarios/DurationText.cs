using System.Globalization;

namespace GossipSim.Scenarios;

/// <summary>
/// Durations as users write them ("200ms", "1.5s", "10m") converted exactly to microseconds,
/// the engine's only time unit. Decimal arithmetic keeps "0.1s" exact; anything that is not a
/// whole number of microseconds is rejected rather than silently rounded.
/// </summary>
public static class DurationText
{
    private const long UsPerMs = 1_000;
    private const long UsPerS = 1_000_000;
    private const long UsPerMin = 60 * UsPerS;
    private const long UsPerHour = 60 * UsPerMin;

    // Longest suffixes first so "ms" is not read as "m" + garbage.
    private static readonly (string Suffix, long Us)[] Units =
    [
        ("us", 1), ("µs", 1), ("ms", UsPerMs), ("s", UsPerS), ("m", UsPerMin), ("h", UsPerHour),
    ];

    /// <summary>Parses a non-negative duration with a unit, or the bare "0".</summary>
    public static bool TryParse(string text, out long us)
    {
        us = 0;
        if (text is null)
        {
            return false;
        }

        var t = text.Trim();
        if (t == "0")
        {
            return true;
        }

        foreach (var (suffix, unitUs) in Units.OrderByDescending(u => u.Suffix.Length))
        {
            if (!t.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var number = t[..^suffix.Length];
            if (!IsPlainDecimal(number)
                || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            decimal total;
            try
            {
                total = value * unitUs;
            }
            catch (OverflowException)
            {
                return false;
            }

            if (total != decimal.Truncate(total) || total > long.MaxValue)
            {
                return false;
            }

            us = (long)total;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Shortest readable exact text: whole hours or minutes when exact, else seconds or
    /// milliseconds with the fraction needed, else microseconds. TryParse(Format(x)) == x.
    /// </summary>
    public static string Format(long us)
    {
        if (us == 0)
        {
            return "0";
        }

        if (us < 0)
        {
            return "-" + Format(-us);
        }

        if (us % UsPerHour == 0)
        {
            return (us / UsPerHour).ToString(CultureInfo.InvariantCulture) + "h";
        }

        if (us % UsPerMin == 0)
        {
            return (us / UsPerMin).ToString(CultureInfo.InvariantCulture) + "m";
        }

        if (us >= UsPerS)
        {
            return Fraction(us, UsPerS) + "s";
        }

        if (us >= UsPerMs)
        {
            return Fraction(us, UsPerMs) + "ms";
        }

        return us.ToString(CultureInfo.InvariantCulture) + "us";
    }

    // True when the text looks like "12" or "1.5" (no sign, exponent or spaces) so that
    // TryParse stays strict about what counts as a duration.
    private static bool IsPlainDecimal(string s)
    {
        if (s.Length == 0 || s[0] == '.' || s[^1] == '.')
        {
            return false;
        }

        var dots = 0;
        foreach (var c in s)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return dots <= 1;
    }

    private static string Fraction(long us, long unit)
    {
        var value = (decimal)us / unit;
        return value.ToString("0.######", CultureInfo.InvariantCulture);
    }
}
