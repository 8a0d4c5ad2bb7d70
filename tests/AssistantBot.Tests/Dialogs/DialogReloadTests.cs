using AssistantBot.Dialogs;
using AssistantBot.Dialogs.Loading;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AssistantBot.Tests.Dialogs;

/// <summary>Invalid files stop the start-up; a bad live change keeps the last good dialogs, a good one replaces them.</summary>
public sealed class DialogReloadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public void The_program_does_not_start_with_an_invalid_dialog_file_and_says_where_it_is()
    {
        using var dialogs = new DialogFilesCopy().Write("faq/zz-broken.yaml", "kind: faq\nid: broken\nanswer: text\nsource: stage-4-lung-cancer.txt\n");
        using var factory = new AssistantFactory().WithSettings(("Dialogs:Directory", dialogs.Directory));

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var invalid = Assert.IsType<InvalidDialogsException>(Innermost(exception));
        Assert.Contains("dialogs/faq/zz-broken.yaml, line 1: 'triggers' is required in faq 'broken'", invalid.Message);
    }

    [Fact]
    public void A_failed_reload_keeps_the_last_good_dialogs_and_logs_why()
    {
        using var dialogs = new DialogFilesCopy();
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        var catalog = new DialogCatalog(
            DialogFilesCopy.Loader(),
            Options.Create(new DialogOptions { Directory = dialogs.Directory }),
            new HostingEnvironment { ContentRootPath = Path.GetTempPath() },
            loggerFactory.CreateLogger<DialogCatalog>());
        var before = catalog.Current;

        dialogs.Write("faq/zz-broken.yaml", "kind: faq\nid: broken\ntriggers: [x]\nanswer: y\nsource: missing.txt\n");
        var problems = catalog.Reload();

        Assert.Same(before, catalog.Current);
        var problem = Assert.Single(problems);
        Assert.Equal(("dialogs/faq/zz-broken.yaml", 1), (problem.File, problem.Line));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("dialogs/faq/zz-broken.yaml, line 1: 'source' of faq 'broken' names 'missing.txt'"));

        dialogs.Delete("faq/zz-broken.yaml").Write("faq/zz-new.yaml", "kind: faq\nid: brand-new\ntriggers: [a brand new question]\nanswer: A new answer.\nsource: stage-4-lung-cancer.txt\n");
        Assert.Empty(catalog.Reload());
        Assert.NotNull(catalog.Current.FindFaq("brand-new"));
    }

    [Fact]
    public async Task A_file_changed_while_running_is_picked_up_and_a_broken_change_is_ignored()
    {
        using var dialogs = new DialogFilesCopy();
        var logs = new CapturingLoggerProvider();
        using var factory = new AssistantFactory()
            .WithSettings(("Dialogs:Directory", dialogs.Directory), ("Dialogs:WatchForChanges", "true"), ("Dialogs:ReloadDelay", "00:00:00.200"))
            .WithServices(s => s.AddSingleton<ILoggerProvider>(logs));
        var flow = new TestFlow(factory.CreateClient());
        var catalog = factory.Services.GetRequiredService<IDialogCatalog>();

        dialogs.Write("faq/zz-live.yaml", "kind: faq\nid: live\ntriggers: [is the live reload working]\nanswer: Yes, the file was reloaded.\nsource: stage-4-lung-cancer.txt\n");
        await Until(() => catalog.Current.FindFaq("live") is not null);

        await flow.Send("is the live reload working");
        flow.AssertReply(); // the greeting
        flow.AssertReplyContains("Yes, the file was reloaded.");

        dialogs.Write("faq/zz-live.yaml", "kind: faq\nid: live\ntriggers: [is the live reload working]\nanswer: [not, a, text]\nsource: stage-4-lung-cancer.txt\n");
        await Until(() => logs.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains("dialogs/faq/zz-live.yaml, line 4")));

        await flow.Send("is the live reload working");
        flow.AssertReplyContains("Yes, the file was reloaded.");
    }

    private static Exception Innermost(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Innermost(aggregate.InnerExceptions[0])
        : exception.InnerException is { } inner && exception is not InvalidDialogsException ? Innermost(inner)
        : exception;

    /// <summary>Waits for the watcher (a background event), failing only if it never happens.</summary>
    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
