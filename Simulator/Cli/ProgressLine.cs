using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>A one-line progress display on stderr, redrawn in place on a terminal and at most once a second.</summary>
public sealed class ProgressLine(TextWriter writer)
{
    private readonly bool _inPlace = !Console.IsErrorRedirected;
    private DateTime _lastDrawn = DateTime.MinValue;
    private string _last = "";

    public void Show(SweepProgress p)
    {
        string eta = p.Remaining is TimeSpan left ? $", {Format(left)} left" : "";
        _last = $"runs {p.Done + p.Skipped}/{p.Total} done ({p.Skipped} resumed), {p.Failed} failed, {RunCost.FormatCount(p.Events)} events, {Format(p.Elapsed)} elapsed{eta}";
        var now = DateTime.UtcNow;
        if (_inPlace && (now - _lastDrawn).TotalSeconds >= 1)
        {
            writer.Write("\r" + _last.PadRight(78));
            _lastDrawn = now;
        }
    }

    public void Finish()
    {
        if (_inPlace) writer.WriteLine("\r" + _last.PadRight(78));
        else if (_last.Length > 0) writer.WriteLine(_last);
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : t.TotalMinutes >= 1 ? $"{t.Minutes}m{t.Seconds:00}s" : $"{t.TotalSeconds:0.0}s";
}
