using GossipSim.Scenarios;

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
        catch (ScenarioException e)
        {
            foreach (var error in e.Errors) Console.Error.WriteLine(error.ToString());
            Console.Error.WriteLine($"{e.Errors.Count} error{(e.Errors.Count == 1 ? "" : "s")}; nothing was run");
            return ExitCodes.BadInput;
        }
        catch (UserError e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.Failed;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return ExitCodes.Failed;
        }
        catch (Exception e)
        {
            // A bug, not a user mistake: still one line, never a stack trace.
            var inner = e is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : e;
            Console.Error.WriteLine($"internal error: {inner.GetType().Name}: {inner.Message}");
            return ExitCodes.Failed;
        }
    }
}
