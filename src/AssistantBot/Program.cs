using AssistantBot;
using AssistantBot.Cli;

// One program, two faces: with a tool command (index, ask, eval, staff ...) it runs that and exits;
// otherwise it is the assistant's web host.
if (ToolCommands.IsToolCommand(args))
{
    return await ToolCommands.RunAsync(args);
}

Hosting.Build(args).Run();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
