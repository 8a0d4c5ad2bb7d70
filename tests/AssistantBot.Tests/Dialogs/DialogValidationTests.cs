namespace AssistantBot.Tests.Dialogs;

/// <summary>Broken dialog files are refused with the file, the line and what is wrong.</summary>
public sealed class DialogValidationTests
{
    private const string GoodFaq = """
        kind: faq
        id: extra
        triggers: [an extra question]
        answer: An extra answer.
        source: stage-4-lung-cancer.txt
        """;

    [Fact]
    public void The_repository_dialogs_load()
    {
        var set = DialogFilesCopy.Loader().Load(Infrastructure.RepoPaths.Dialogs);

        Assert.True(set.Faqs.Count >= 15, $"Only {set.Faqs.Count} FAQs");
        Assert.Contains(set.Flows, f => f.Id == "screening");
        Assert.All(set.Faqs, f => Assert.NotEmpty(f.Sources));
    }

    [Theory]
    [InlineData("kind: faq\nid: broken\ntriggers: [one, two\nanswer: text\n", 3, "this is not valid YAML")]
    [InlineData("kind: faq\nid: broken\ntriggers: [a question]\nanswer: \"unclosed\nsource: x\n", 4, "this is not valid YAML")]
    [InlineData("kind: faq\nid: dup\nid: again\n", 3, "this is not valid YAML: Duplicate key id")]
    [InlineData("kind: faq\nid: no-answer\ntriggers: [a question]\nsource: stage-4-lung-cancer.txt\n", 1, "'answer' is required in faq 'no-answer'")]
    [InlineData("kind: faq\nid: typo\ntriggers: [a question]\nanwser: text\nanswer: text\nsource: stage-4-lung-cancer.txt\n", 4, "unknown field 'anwser' in faq 'typo'")]
    [InlineData("kind: faqs\nid: x\n", 1, "unknown kind 'faqs'")]
    [InlineData("id: x\nanswer: text\n", 1, "'kind' is required")]
    [InlineData("kind: faq\nid: cites-nothing\ntriggers: [a question]\nanswer: text\nsource: nope.txt\n", 1, "names 'nope.txt', which is not a corpus document")]
    [InlineData("kind: faq\nid: Bad Id\ntriggers: [a question]\nanswer: text\nsource: stage-4-lung-cancer.txt\n", 1, "'id' of faq 'Bad Id' must be lowercase letters")]
    [InlineData("kind: faq\nid: not-a-list\ntriggers:\n  one: two\nanswer: text\nsource: stage-4-lung-cancer.txt\n", 4, "'triggers' of faq 'not-a-list' must be a list of texts, not a mapping")]
    [InlineData("kind: faq\nid: empty-answer\ntriggers: [a question]\nanswer:\nsource: stage-4-lung-cancer.txt\n", 4, "'answer' of faq 'empty-answer' is empty")]
    [InlineData("kind: faq\nid: clash\ntriggers: [What is stage 4 lung cancer?]\nanswer: text\nsource: stage-4-lung-cancer.txt\n", 1, "the trigger 'what is stage 4 lung cancer' is already used (dialogs/faq/basics.yaml, line 2)")]
    [InlineData("kind: faq\nid: what-is-stage-4\ntriggers: [a new question]\nanswer: text\nsource: stage-4-lung-cancer.txt\n", 1, "the id 'what-is-stage-4' is already used (dialogs/faq/basics.yaml, line 2)")]
    [InlineData("- just\n- a list\n", 1, "a dialog must be a mapping of fields starting with 'kind'")]
    public void A_broken_faq_file_is_refused_with_its_line(string yaml, int line, string message)
    {
        using var dialogs = new DialogFilesCopy().Write("faq/zz-broken.yaml", yaml);

        var errors = dialogs.Errors();

        HasError(errors, e => e.File == "dialogs/faq/zz-broken.yaml" && e.Line == line && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_second_document_of_a_file_is_reported_at_its_own_line()
    {
        using var dialogs = new DialogFilesCopy().Write("faq/zz-two.yaml", GoodFaq + "\n---\nkind: faq\nid: second\ntriggers: [another question]\nsource: stage-4-lung-cancer.txt\n");

        var error = Assert.Single(dialogs.Errors());

        Assert.Equal(("dialogs/faq/zz-two.yaml", 7), (error.File, error.Line));
        Assert.Contains("'answer' is required in faq 'second'", error.Message);
    }

    [Theory]
    [InlineData("    next:\n      - goto: nowhere\n", "goes to 'nowhere', which is neither a step nor an outcome")]
    [InlineData("    next:\n      - if: age <\n        goto: done\n      - goto: done\n", "the expression ends too early")]
    [InlineData("    next:\n      - if: weight > 100\n        goto: done\n      - goto: done\n", "uses 'weight', which no step asks")]
    [InlineData("    next:\n      - if: age > 10\n        goto: done\n", "must end its 'next' with a branch without 'if'")]
    public void A_broken_flow_branch_is_refused(string next, string message)
    {
        var flow = TinyFlow(
            "    number: { min: 1, max: 120 }\n" + next,
            "  - id: done\n    say: Done at {age}.\n");
        using var dialogs = new DialogFilesCopy().Write("flows/tiny.yaml", flow);

        var errors = dialogs.Errors();

        HasError(errors, e => e.File == "dialogs/flows/tiny.yaml" && e.Line >= 9 && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("number: { min: 10, max: 1 }", 12, "'min' of 'number' of step 'age' of flow 'tiny' is above its 'max'")]
    [InlineData("choices:\n      - label: Only one\n        value: one\n        goto: done", 9, "needs at least two choices")]
    [InlineData("number: { min: 1, max: 9 }\n    choices: []", 9, "needs either 'number' or 'choices'")]
    [InlineData("text: {}", 9, "needs either 'number' or 'choices'")]
    public void A_broken_flow_step_is_refused(string input, int line, string message)
    {
        var flow = TinyFlow(
            $"    {input}\n    next:\n      - goto: done\n",
            "  - id: done\n    say: Done.\n  - id: never_used\n    say: Unreachable.\n");
        using var dialogs = new DialogFilesCopy().Write("flows/tiny.yaml", flow);

        var errors = dialogs.Errors();

        HasError(errors, e => e.File == "dialogs/flows/tiny.yaml" && e.Line == line && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreachable_outcome_and_an_unknown_placeholder_are_refused()
    {
        var flow = TinyFlow(
            "    number: { min: 1, max: 120 }\n    next:\n      - goto: done\n",
            "  - id: done\n    say: Done at {agee}.\n  - id: never_used\n    say: Unreachable.\n");
        using var dialogs = new DialogFilesCopy().Write("flows/tiny.yaml", flow);

        var errors = dialogs.Errors();

        HasError(errors, e => e.Line == 16 && e.Message.Contains("outcome 'done' shows {agee}, which no step asks", StringComparison.Ordinal));
        HasError(errors, e => e.Line == 18 && e.Message.Contains("'never_used' of flow 'tiny' is never reached", StringComparison.Ordinal));
    }

    [Fact]
    public void A_welcome_without_the_disclaimer_or_the_patient_advocate_is_refused()
    {
        using var dialogs = new DialogFilesCopy().Write("welcome.yaml", """
            kind: welcome
            text: Hello, ask me anything.
            after_idle: Welcome back.
            suggestions: [Help]
            """);

        var errors = dialogs.Errors();

        HasError(errors, e => e.File == "dialogs/welcome.yaml" && e.Line == 1 && e.Message.Contains("must include the disclaimer \"for education only, not a substitute for your care team\""));
        HasError(errors, e => e.File == "dialogs/welcome.yaml" && e.Line == 1 && e.Message.Contains("'suggestions' of welcome must include \"Patient Advocate\""));
    }

    [Fact]
    public void An_emergency_reply_without_988_is_refused()
    {
        using var dialogs = new DialogFilesCopy();
        var safety = File.ReadAllText(Path.Combine(dialogs.Directory, "safety.yaml")).Replace("call or text 988 (the", "call (the", StringComparison.Ordinal);
        dialogs.Write("safety.yaml", safety);

        var error = Assert.Single(dialogs.Errors());

        Assert.Equal("dialogs/safety.yaml", error.File);
        Assert.Contains("'emergency' of safety must tell people to call 988", error.Message);
    }

    [Fact]
    public void A_missing_command_and_a_phrase_claimed_twice_are_refused()
    {
        using var dialogs = new DialogFilesCopy();
        var commands = File.ReadAllText(Path.Combine(dialogs.Directory, "commands.yaml"));
        commands = commands[..commands.IndexOf("  - command: resume", StringComparison.Ordinal)]
            .Replace("phrases: [start over,", "phrases: [help, start over,", StringComparison.Ordinal);
        dialogs.Write("commands.yaml", commands);

        var errors = dialogs.Errors();

        HasError(errors, e => e.File == "dialogs/commands.yaml" && e.Line == 3 && e.Message.Contains("commands has no 'resume' command"));
        HasError(errors, e => e.File == "dialogs/commands.yaml" && e.Message.Contains("the phrase 'help' belongs to both 'help' and 'start-over'"));
    }

    [Fact]
    public void A_second_welcome_and_a_missing_safety_file_are_refused()
    {
        using var dialogs = new DialogFilesCopy()
            .Write("zz/welcome-again.yaml", File.ReadAllText(Path.Combine(Infrastructure.RepoPaths.Dialogs, "welcome.yaml")))
            .Delete("safety.yaml");

        var errors = dialogs.Errors();

        HasError(errors, e => e.File == "dialogs/zz/welcome-again.yaml" && e.Line == 3 && e.Message.Contains("a second 'welcome' (the first is in dialogs/welcome.yaml, line 3)"));
        HasError(errors, e => e.File == "dialogs" && e.Message.Contains("no file defines the safety"));
    }

    [Fact]
    public void The_exception_message_lists_every_problem_with_file_and_line()
    {
        using var dialogs = new DialogFilesCopy()
            .Write("faq/a.yaml", "kind: faq\nid: a\ntriggers: [a question]\nanswer: text\nsource: nope.txt\n")
            .Write("faq/b.yaml", "kind: faq\nid: b\n  bad: indentation\n");

        var exception = Assert.Throws<AssistantBot.Dialogs.Loading.InvalidDialogsException>(dialogs.Load);

        Assert.StartsWith("The dialog files are invalid:", exception.Message);
        Assert.Contains("dialogs/faq/a.yaml, line 1: 'source' of faq 'a' names 'nope.txt'", exception.Message);
        Assert.Contains("dialogs/faq/b.yaml, line 3: this is not valid YAML", exception.Message);
    }

    /// <summary>A one-step flow (step 'age' at line 9, its fields from line 12) with the given step fields and outcomes.</summary>
    private static string TinyFlow(string stepFields, string outcomes) =>
        "kind: flow\nid: tiny\nname: tiny check\ntriggers: [tiny check]\nsource: metastatic-lung-cancer.txt\nintro: A tiny check.\n" +
        "closing: The end.\nsteps:\n  - id: age\n    ask: How old are you?\n    retry: Again, please.\n" + stepFields + "outcomes:\n" + outcomes;

    private static void HasError(IReadOnlyList<AssistantBot.Dialogs.Loading.DialogError> errors, Func<AssistantBot.Dialogs.Loading.DialogError, bool> expected) =>
        Assert.True(errors.Any(expected), "No such error among:" + string.Concat(errors.Select(e => Environment.NewLine + "  " + e)));
}
