using System.CommandLine;

namespace AssistantBot.Cli;

/// <summary>
/// The command-line tools of the same program, for the people who run it. Each command builds only the services it
/// needs from the same configuration as the web host.
/// </summary>
public static class ToolCommands
{
    private static readonly string[] Names = ["index", "ask", "eval", "unanswered", "staff", "--help", "-h", "-?"];

    public static bool IsToolCommand(string[] args) => args.Length > 0 && Names.Contains(args[0], StringComparer.Ordinal);

    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("AssistantBot: run without a command to start the assistant's web host.")
        {
            StaffCommand.Create(),
        };
        KnowledgeCommands.AddTo(root);
        return root.Parse(args).InvokeAsync();
    }
}
