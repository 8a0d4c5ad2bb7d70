using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Scripts;

/// <summary>Plays every conversation script, and checks that together they cover every FAQ and every step and outcome of every flow.</summary>
public sealed class ConversationScriptTests
{
    public static readonly string Directory = Path.Combine(RepoPaths.Tests, "AssistantBot.Tests", "Scripts");

    public static TheoryData<string> Scripts() => new(System.IO.Directory.EnumerateFiles(Directory, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Script_plays_as_written(string file)
    {
        using var runner = new ScriptRunner();
        await runner.RunAsync(ConversationScript.Load(Path.Combine(Directory, file)));
    }

    [Fact]
    public void Every_faq_is_answered_in_some_script()
    {
        using var runner = new ScriptRunner();
        var checkedRoutes = CheckedRoutes();
        var uncovered = runner.Dialogs.Faqs.Select(f => "faq/" + f.Id).Where(r => !checkedRoutes.Contains(r)).ToList();

        Assert.True(uncovered.Count == 0, "No script checks: " + string.Join(", ", uncovered));
    }

    [Fact]
    public void Every_step_and_outcome_of_every_flow_is_reached_in_some_script()
    {
        using var runner = new ScriptRunner();
        var checkedRoutes = CheckedRoutes();
        var expected = runner.Dialogs.Flows.SelectMany(f =>
            f.Steps.Select(s => $"flow/{f.Id}/ask/{s.Id}")
                .Concat(f.Steps.Select(s => $"flow/{f.Id}/retry/{s.Id}"))
                .Concat(f.Outcomes.Select(o => $"flow/{f.Id}/outcome/{o.Id}")));
        var uncovered = expected.Where(r => !checkedRoutes.Contains(r)).ToList();

        Assert.True(uncovered.Count == 0, "No script checks: " + string.Join(", ", uncovered));
    }

    private static HashSet<string> CheckedRoutes() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.yaml")
            .Select(ConversationScript.Load)
            .SelectMany(s => s.Turns)
            .SelectMany(t => t.Routes ?? [])
            .ToHashSet(StringComparer.Ordinal);
}
