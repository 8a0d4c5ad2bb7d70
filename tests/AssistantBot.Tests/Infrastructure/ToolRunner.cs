using AssistantBot.Cli;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>Runs a command-line tool of the program on a data directory, with its standard input given and its output kept.</summary>
public static class ToolRunner
{
    /// <remarks>Tests that use it redirect the process's console, so they belong to the ConsoleRedirection collection.</remarks>
    public static async Task<(int Exit, string Output)> RunAsync(string dataDirectory, string stdin, params string[] args)
    {
        var (input, output, error) = (Console.In, Console.Out, Console.Error);
        var captured = new StringWriter();
        Console.SetIn(new StringReader(stdin));
        Console.SetOut(captured);
        Console.SetError(TextWriter.Null);
        try
        {
            var exit = await ToolCommands.RunAsync([.. args, $"--Storage:DataDirectory={dataDirectory}"]);
            return (exit, captured.ToString());
        }
        finally
        {
            Console.SetIn(input);
            Console.SetOut(output);
            Console.SetError(error);
        }
    }
}
