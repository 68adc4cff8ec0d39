using GossipSim.Scenarios;
using GossipSim.Simulator.Runs;

namespace GossipSim.Simulator.Cli;

/// <summary>Turns what a command throws into the promised behaviour: clear lines on stderr and an exit code, never a stack trace.</summary>
public static class Cli
{
    public static int Guard(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception thrown)
        {
            // Work done in parallel (runs, their commits) throws wrapped; the first cause is the one to name.
            var e = thrown is AggregateException { InnerExceptions.Count: > 0 } a ? a.Flatten().InnerExceptions[0] : thrown;
            return Report(e);
        }
    }

    private static int Report(Exception e)
    {
        switch (e)
        {
            case ScenarioException s:
                foreach (var error in s.Errors) Console.Error.WriteLine(error.ToString());
                Console.Error.WriteLine($"{s.Errors.Count} error{(s.Errors.Count == 1 ? "" : "s")}; nothing was run");
                return ExitCodes.BadInput;
            case UserError or PlanException:
                Console.Error.WriteLine("error: " + e.Message);
                return ExitCodes.BadInput;
            case IOException io when IsDiskFull(io):
                Console.Error.WriteLine($"error: the disk is full ({e.Message}); runs committed before this are kept under {ResultStore.PartsFolder}/, "
                    + "and no file was left half-written: free some space and rerun with --resume");
                return ExitCodes.Failed;
            case IOException or UnauthorizedAccessException:
                Console.Error.WriteLine("error: " + e.Message);
                return ExitCodes.Failed;
            default:
                // A bug, not a user mistake: still one line, never a stack trace.
                Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
                return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// ENOSPC (28) and EDQUOT (122) on Unix, where .NET puts the errno in HResult; ERROR_DISK_FULL and
    /// ERROR_HANDLE_DISK_FULL on Windows, in the low word.
    /// </summary>
    public static bool IsDiskFull(IOException e) => e.HResult is 28 or 122 || (e.HResult & 0xFFFF) is 112 or 39;
}
