using System.Globalization;
using System.Text.RegularExpressions;
using GossipSim.Scenarios;

namespace GossipSim.Simulator.Tuning;

/// <summary>
/// One searched dimension (<c>--param PATH=SPEC</c>): a scenario path and the values it may
/// take, in order. Whole-number ranges keep every integer (up to <see cref="MaxWholeLevels"/>);
/// duration and number ranges become a fixed number of levels, spaced evenly on a log scale
/// when the range spans more than a factor of 10 and linearly otherwise; lists are taken as
/// written. The search moves over level indices, so neighbouring levels are the natural steps.
/// </summary>
public sealed partial record TuneParameter(string Path, IReadOnlyList<string> Levels, bool LogScale)
{
    /// <summary>Whole-number ranges with more values than this are thinned to this many levels.</summary>
    public const int MaxWholeLevels = 32;

    [GeneratedRegex(@"^[A-Za-z0-9_-]+(\[[0-9]+\])*(\.[A-Za-z0-9_-]+(\[[0-9]+\])*)*$")]
    private static partial Regex KeyPath();

    /// <summary>Keys the search may not move: they name the scenario or set its replication.</summary>
    private static readonly string[] Reserved = ["name", "sweep", "seed", "seeds", "expect", "tags"];

    /// <summary>Parses <c>PATH=LOW..HIGH</c> or <c>PATH=a,b,c</c>; null with the problem when the text is not one.</summary>
    /// <param name="text">The option's value as written.</param>
    /// <param name="levels">How many levels a duration or number range is split into.</param>
    /// <param name="problem">Why the text is not a parameter, when it is not.</param>
    public static TuneParameter? Parse(string text, int levels, out string? problem)
    {
        problem = null;
        int eq = text.IndexOf('=');
        string path = (eq < 0 ? text : text[..eq]).Trim();
        if (eq < 0 || path.Length == 0)
            return Fail(out problem, "expected PATH=LOW..HIGH or PATH=a,b,c, e.g. protocol.fanout=1..6");
        if (!KeyPath().IsMatch(path))
            return Fail(out problem, $"'{path}' is not a key path like protocol.fanout or faults[0].for");
        string first = path.Split('.', '[')[0];
        if (Reserved.Contains(first))
            return Fail(out problem, $"'{first}' cannot be searched");
        string spec = text[(eq + 1)..].Trim();
        if (spec.Length == 0) return Fail(out problem, "missing values after '='");
        int dots = spec.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0) return Range(path, spec[..dots].Trim(), spec[(dots + 2)..].Trim(), levels, out problem);
        if (!spec.Contains(','))
            return Fail(out problem, $"'{spec}' is one value, not a search space: give a range LOW..HIGH or a list a,b,c (a fixed value is --set {path}={spec})");
        var items = spec.Split(',').Select(s => s.Trim()).ToList();
        if (items.Any(s => s.Length == 0)) return Fail(out problem, $"an empty value in the list '{spec}'");
        if (items.Distinct(StringComparer.Ordinal).Count() != items.Count) return Fail(out problem, $"a value appears twice in the list '{spec}'");
        return new TuneParameter(path, items, false);
    }

    private static TuneParameter? Range(string path, string lowText, string highText, int levels, out string? problem)
    {
        problem = null;
        if (long.TryParse(lowText, NumberStyles.Integer, CultureInfo.InvariantCulture, out long lowWhole)
            && long.TryParse(highText, NumberStyles.Integer, CultureInfo.InvariantCulture, out long highWhole))
        {
            if (highWhole <= lowWhole) return Fail(out problem, $"the range {lowText}..{highText} is empty: the high end must exceed the low end");
            bool log = lowWhole > 0 && highWhole > 10.0 * lowWhole;
            // Counted in doubles: the span of a range near the ends of long overflows a long.
            double span = (double)highWhole - lowWhole + 1;
            var values = span <= MaxWholeLevels
                ? Enumerable.Range(0, (int)span).Select(i => (double)(lowWhole + i)).ToList()
                : Spaced(lowWhole, highWhole, MaxWholeLevels, log).Select(v => Math.Round(v)).Distinct().ToList();
            var texts = values.Select(v => v >= long.MaxValue ? long.MaxValue : (long)v).Select(v => v.ToString(CultureInfo.InvariantCulture)).Distinct().ToList();
            return new TuneParameter(path, texts, log && texts.Count < span);
        }
        if (levels < 2) return Fail(out problem, "--levels must be at least 2 for a duration or number range");
        if (DurationText.TryParse(lowText, out long lowUs) && DurationText.TryParse(highText, out long highUs))
        {
            if (highUs <= lowUs) return Fail(out problem, $"the range {lowText}..{highText} is empty: the high end must exceed the low end");
            bool log = lowUs > 0 && highUs > 10 * lowUs;
            var us = Spaced(lowUs, highUs, levels, log).Select(v => (long)Math.Round(RoundSignificant(v, 2))).Distinct().ToList();
            return new TuneParameter(path, us.Select(DurationText.Format).ToList(), log);
        }
        if (double.TryParse(lowText, NumberStyles.Float, CultureInfo.InvariantCulture, out double low)
            && double.TryParse(highText, NumberStyles.Float, CultureInfo.InvariantCulture, out double high))
        {
            if (high <= low) return Fail(out problem, $"the range {lowText}..{highText} is empty: the high end must exceed the low end");
            bool log = low > 0 && high > 10 * low;
            var values = Spaced(low, high, levels, log).Select(v => RoundSignificant(v, 3)).Distinct().ToList();
            return new TuneParameter(path, values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToList(), log);
        }
        return Fail(out problem, $"'{lowText}..{highText}' is not a range of whole numbers (1..6), durations (50ms..2s) or numbers (0.5..4)");
    }

    private static IEnumerable<double> Spaced(double low, double high, int count, bool log) =>
        Enumerable.Range(0, count).Select(i =>
        {
            double f = (double)i / (count - 1);
            return log ? low * Math.Pow(high / low, f) : low + (high - low) * f;
        });

    /// <summary>Levels are rounded to a few significant digits so they read as values a person would configure.</summary>
    private static double RoundSignificant(double value, int digits) =>
        double.Parse(value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static TuneParameter? Fail(out string? problem, string message)
    {
        problem = message;
        return null;
    }
}
