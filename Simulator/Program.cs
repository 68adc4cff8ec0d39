using System.CommandLine;
using System.CommandLine.Parsing;
using GossipSim.Simulator.Cli;

namespace GossipSim.Simulator;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("gossipsim: a deterministic discrete-event simulator of large gossip clusters")
        {
            RunCommand.Create(),
            BenchCommand.Create(),
            PlotCommand.Create(),
            CompareCommand.Create(),
            ValidateCommand.Create(),
            ListCommand.Create(),
            MergeCommand.Create(),
            CheckCommand.Create(),
            ReplayCommand.Create(),
            InitCommand.Create(),
            TuneCommand.Create(),
        };
        // No response files: an argument such as @runs.yaml is a file name like any other, never a list of more arguments.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Errors.Count > 0)
        {
            // A mistyped option or value is bad input like any other: exit 2, which check keeps apart from "a bound broke" (1).
            foreach (var error in parsed.Errors) Console.Error.WriteLine("error: " + Plain(error.Message));
            string command = parsed.CommandResult.Command == root ? "" : " " + parsed.CommandResult.Command.Name;
            Console.Error.WriteLine($"see: gossipsim{command} --help");
            return ExitCodes.BadInput;
        }
        if (EmptyValue(parsed.CommandResult) is { } name)
        {
            // An empty path reaches the file system as an exception, not as a user's mistake: name it here, before anything is read or written.
            Console.Error.WriteLine($"error: {name}: is empty; give a path or value");
            return ExitCodes.BadInput;
        }
        return parsed.Invoke();
    }

    /// <summary>The kinds of value options take, in words; the parser names them as .NET types.</summary>
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["System.Int32"] = "a whole number from -2147483648 to 2147483647",
        ["System.UInt64"] = "a whole number from 0 to 18446744073709551615",
        ["System.Boolean"] = "true or false",
    };

    /// <summary>"Cannot parse argument 'x' for option '--seed' as expected type 'System.Nullable`1[System.UInt64]'." said as "'x' for --seed: expected a whole number from 0 to ...".</summary>
    private static string Plain(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(.*)' for option '(.*)' as expected type '(?:System\.Nullable`1\[)?([^\]']+)\]?'\.$");
        if (!match.Success || !Kinds.TryGetValue(match.Groups[3].Value, out string? kind)) return message;
        return $"'{match.Groups[1].Value}' for {match.Groups[2].Value}: expected {kind}";
    }

    /// <summary>The name of the first option or argument given an empty string on the command line, or null.</summary>
    private static string? EmptyValue(CommandResult command) =>
        command.Children.Select(child => child switch
        {
            OptionResult option when option.Tokens.Any(t => t.Value.Length == 0) => option.Option.Name,
            ArgumentResult argument when argument.Tokens.Any(t => t.Value.Length == 0) => argument.Argument.Name,
            _ => null,
        }).FirstOrDefault(name => name is not null);
}
