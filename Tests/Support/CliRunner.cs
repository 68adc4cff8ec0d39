using GossipSim.Simulator;

namespace GossipSim.Tests.Support;

/// <summary>Runs the gossipsim command in-process and captures what it prints.</summary>
public static class CliRunner
{
    private static readonly object ConsoleLock = new();

    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        lock (ConsoleLock)
        {
            var (oldOut, oldError) = (Console.Out, Console.Error);
            var output = new StringWriter();
            var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                return (Program.Main(args), output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }

    /// <summary>A fresh temporary folder, deleted by the caller's test teardown.</summary>
    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "gossipsim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
