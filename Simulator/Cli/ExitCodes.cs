namespace GossipSim.Simulator.Cli;

/// <summary>Process exit codes, the same for every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command ran, but something it checked failed (a run threw, a bound broke).</summary>
    public const int Failed = 1;
    /// <summary>Bad input: a file, a key, a value or an option.</summary>
    public const int BadInput = 2;
    /// <summary>Interrupted (Ctrl-C); finished runs are kept.</summary>
    public const int Interrupted = 130;
}
