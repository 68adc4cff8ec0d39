using System.Globalization;
using GossipSim.Scenarios.Model;

namespace GossipSim.Scenarios.Sweeps;

/// <summary>
/// Turns `{from, to, step}` or `{from, to, log_steps}` into a value list. The value type
/// follows `from`: whole numbers, decimals, or durations. Decimal arithmetic keeps
/// 0.1-steps exact; log ranges round whole numbers and durations and reject duplicates.
/// </summary>
internal static class RangeExpander
{
    private static readonly string[] Keys = ["from", "to", "step", "log_steps"];

    private enum Unit
    {
        Whole,
        Real,
        Duration,
    }

    public static List<RawNode>? Expand(RawMap range, string key, ErrorSink errors)
    {
        foreach (var e in range.Entries.Where(e => !Keys.Contains(e.Key)))
        {
            errors.Add(e.KeyAt, $"{key}.{e.Key}", $"unknown key '{e.Key}' in a sweep range{Suggest.Hint(e.Key, Keys)}");
            return null;
        }

        var from = Number(range, "from", key, errors, out var fromUnit);
        Unit? unit = fromUnit;
        var to = Number(range, "to", key, errors, out var toUnit);
        if (from is null || to is null)
        {
            return null;
        }

        // Whole and decimal mix as decimals; "0" is a valid duration too.
        unit = Unify(fromUnit, toUnit, from.Value, to.Value);
        if (unit is null)
        {
            errors.Add(range.Get("to")!.At, $"{key}.to", "from and to must be the same kind of value (both numbers or both durations)");
            return null;
        }

        var hasStep = range.Find("step") is not null;
        var hasLog = range.Find("log_steps") is not null;
        if (hasStep == hasLog)
        {
            errors.Add(range.At, key, "a sweep range needs exactly one of 'step' or 'log_steps'");
            return null;
        }

        if (to < from)
        {
            errors.Add(range.Get("to")!.At, $"{key}.to", "to must be >= from");
            return null;
        }

        var at = range.At;
        var values = new List<decimal>();
        if (hasStep)
        {
            var step = Number(range, "step", key, errors, out var stepUnit);
            if (step is null)
            {
                return null;
            }

            unit = Unify(unit.Value, stepUnit, from.Value, step.Value);
            if (step <= 0 || unit is null)
            {
                errors.Add(range.Get("step")!.At, $"{key}.step", "step must be > 0 and of the same kind as from");
                return null;
            }

            if ((to.Value - from.Value) / step.Value >= SweepPlan.MaxPoints)
            {
                errors.Add(range.Get("step")!.At, $"{key}.step", $"range has more than {SweepPlan.MaxPoints} values");
                return null;
            }

            for (var x = from.Value; x <= to.Value; x += step.Value)
            {
                values.Add(x);
            }
        }
        else
        {
            var nRaw = range.Get("log_steps")!;
            if (nRaw is not RawScalar ns || !int.TryParse(ns.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 2 || n > 10_000)
            {
                errors.Add(nRaw.At, $"{key}.log_steps", "log_steps must be a whole number in [2, 10000]");
                return null;
            }

            if (from <= 0)
            {
                errors.Add(range.Get("from")!.At, $"{key}.from", "a log range needs from > 0");
                return null;
            }

            var ratio = (double)to.Value / (double)from.Value;
            for (var i = 0; i < n; i++)
            {
                // Endpoints exactly as written; interior points geometric.
                var x = i == 0 ? from.Value : i == n - 1 ? to.Value : (decimal)((double)from.Value * Math.Pow(ratio, (double)i / (n - 1)));
                values.Add(unit == Unit.Real ? Math.Round(x, 6) : Math.Round(x, MidpointRounding.AwayFromZero));
            }

            if (values.Distinct().Count() != values.Count)
            {
                errors.Add(nRaw.At, $"{key}.log_steps", "log range gives repeated values after rounding; use fewer log_steps or a wider range");
                return null;
            }
        }

        return values.Select(x => (RawNode)new RawScalar(at, Text(x, unit.Value), false)).ToList();
    }

    private static Unit? Unify(Unit a, Unit b, decimal aValue, decimal bValue)
    {
        if (a == b)
        {
            return a;
        }

        if (a != Unit.Duration && b != Unit.Duration)
        {
            return Unit.Real;
        }

        // A bare 0 next to a duration is the zero duration.
        return (a == Unit.Whole && aValue == 0) || (b == Unit.Whole && bValue == 0) ? Unit.Duration : null;
    }

    private static string Text(decimal x, Unit unit) => unit switch
    {
        Unit.Duration => DurationText.Format((long)x),
        Unit.Whole => ((long)x).ToString(CultureInfo.InvariantCulture),
        _ => x.ToString("0.############", CultureInfo.InvariantCulture),
    };

    private static decimal? Number(RawMap range, string name, string key, ErrorSink errors, out Unit unit)
    {
        unit = Unit.Whole;
        if (range.Get(name) is not { } raw)
        {
            errors.Add(range.At, $"{key}.{name}", $"a sweep range needs '{name}'");
            return null;
        }

        var text = raw is RawScalar s ? s.Text.Trim() : "";
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            unit = Unit.Real;
            return real;
        }

        if (DurationText.TryParse(text, out var us))
        {
            unit = Unit.Duration;
            return us;
        }

        errors.Add(raw.At, $"{key}.{name}", $"expected a number or a duration, got {raw.Describe()}");
        return null;
    }
}
