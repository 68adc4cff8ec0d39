using System.Runtime.InteropServices;

namespace GossipSim.Simulator.Cli;

/// <summary>
/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a cancellation, so that a command stops its
/// runs under way and writes up the finished ones (manifest, runs.csv) before it exits. SIGTERM is
/// what a CI job's timeout, a batch scheduler or a container stop sends; left to its default it
/// would end the process before the write-up, and the interrupted directory would have no
/// manifest. A second signal of either kind, while the write-up runs, takes its default action
/// and ends the process at once.
/// </summary>
public sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _terminate;
    private readonly Action? _onInterrupt;

    /// <param name="onInterrupt">Called once, at the first signal (to say what happens now); null for nothing.</param>
    public InterruptSignal(Action? onInterrupt = null)
    {
        _onInterrupt = onInterrupt;
        Console.CancelKeyPress += OnCancelKey;
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate);
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>Whether a signal came.</summary>
    public bool Requested => _cancel.IsCancellationRequested;

    private void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
    {
        if (Requested) return;
        e.Cancel = true;
        Interrupt();
    }

    private void OnTerminate(PosixSignalContext context)
    {
        if (Requested) return;
        context.Cancel = true;
        Interrupt();
    }

    private void Interrupt()
    {
        _onInterrupt?.Invoke();
        _cancel.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKey;
        _terminate.Dispose();
        _cancel.Dispose();
    }
}
