using AssistantBot.BotFramework.Schema;
using AssistantBot.Dialogs.Loading;
using AssistantBot.Dialogs.Model;
using AssistantBot.Dialogs.Routing;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Sdk;

namespace AssistantBot.Tests.Scripts;

/// <summary>
/// Plays conversation scripts against the whole assistant through <c>POST /api/messages</c> (TestFlow), with a
/// manual clock for idle time and its own data directory, so a restart starts a second host on the same database.
/// </summary>
public sealed class ScriptRunner : IDisposable
{
    private readonly TempDirectory _data = new("assistantbot-script");
    private readonly ManualClock _clock = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingRouteObserver _routes = new();
    private readonly string _conversationId = "script-" + Guid.NewGuid().ToString("N");
    private readonly (string Key, string? Value)[] _settings;
    private AssistantFactory _factory;
    private TestFlow _flow;

    public ScriptRunner(params (string Key, string? Value)[] settings)
    {
        _settings = settings;
        (_factory, _flow) = Start();
    }

    public DialogSet Dialogs => _factory.Services.GetRequiredService<IDialogCatalog>().Current;

    public string UserId { get; set; } = "user-1";

    public async Task RunAsync(ConversationScript script)
    {
        for (var i = 0; i < script.Turns.Count; i++)
        {
            var turn = script.Turns[i];
            var where = $"script '{script.Name}', turn {i + 1}" + (turn.User is null ? string.Empty : $" (\"{turn.User}\")");
            if (turn.Restart)
            {
                Restart();
            }

            if (turn.Idle is not null)
            {
                _clock.Advance(TimeSpan.Parse(turn.Idle, System.Globalization.CultureInfo.InvariantCulture));
            }

            if (turn.User is null && !turn.Join)
            {
                continue;
            }

            var replies = turn.Join ? await JoinAsync() : await SayAsync(turn.User!);
            Check(turn, replies, _routes.Take(_conversationId), where);
        }
    }

    public async Task<IReadOnlyList<Activity>> SayAsync(string text)
    {
        var activity = _flow.NewActivity(text: text);
        return await SendAsync(activity);
    }

    public Task<IReadOnlyList<Activity>> JoinAsync()
    {
        var join = _flow.NewActivity(ActivityTypes.Event);
        join.Name = "webchat/join";
        return SendAsync(join);
    }

    /// <summary>The routes taken since the last call.</summary>
    public IReadOnlyList<string> TakeRoutes() => _routes.Take(_conversationId);

    public void Restart()
    {
        _factory.Dispose();
        (_factory, _flow) = Start();
    }

    public void Dispose()
    {
        _factory.Dispose();
        _data.Dispose();
    }

    private async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        // Ids stay unique across restarts, where a new TestFlow would count from 1 again and look like redeliveries.
        activity.Id = Guid.NewGuid().ToString("N");
        activity.From!.Id = UserId;
        return await _flow.Send(activity);
    }

    private (AssistantFactory, TestFlow) Start()
    {
        var factory = new AssistantFactory()
            .WithSettings(("Storage:DataDirectory", _data.Path), ("Dialogs:WatchForChanges", "false"))
            .WithSettings(_settings)
            .WithServices(services =>
            {
                services.AddSingleton<TimeProvider>(_clock);
                services.AddSingleton<IRouteObserver>(_routes);
            });
        return (factory, new TestFlow(factory.CreateClient(), _conversationId));
    }

    private void Check(ScriptTurn turn, IReadOnlyList<Activity> replies, IReadOnlyList<string> routes, string where)
    {
        var shown = $"{where}{Environment.NewLine}routes: {string.Join(", ", routes)}{Environment.NewLine}replies:{Environment.NewLine}"
            + string.Join(Environment.NewLine, replies.Select((r, n) => $"  [{n + 1}] {r.Text} {{{string.Join(" | ", TestFlow.SuggestionTitles(r))}}}"));
        if (turn.Routes is not null && !(turn.Routes.Count == routes.Count && turn.Routes.Zip(routes).All(r => RouteMatches(r.First, r.Second))))
        {
            throw new XunitException($"Expected routes {string.Join(", ", turn.Routes)}{Environment.NewLine}{shown}");
        }

        if (turn.Bot is not null && turn.Bot.Count != replies.Count)
        {
            throw new XunitException($"Expected {turn.Bot.Count} replies, got {replies.Count}{Environment.NewLine}{shown}");
        }

        var expectations = turn.Bot ?? (turn.First is null ? [] : [turn.First]);
        if (expectations.Count > replies.Count)
        {
            throw new XunitException($"Expected at least {expectations.Count} replies{Environment.NewLine}{shown}");
        }

        for (var n = 0; n < expectations.Count; n++)
        {
            if (Mismatch(expectations[n], replies[n]) is { } problem)
            {
                throw new XunitException($"Reply {n + 1}: {problem}{Environment.NewLine}{shown}");
            }
        }
    }

    /// <summary>"retrieval*" stands for whatever retrieval did (answered or declined), which is the knowledge feature's business.</summary>
    private static bool RouteMatches(string expected, string actual) =>
        expected.EndsWith('*') ? actual.StartsWith(expected[..^1], StringComparison.Ordinal) : expected == actual;

    private string? Mismatch(ReplyExpectation expected, Activity reply)
    {
        var text = reply.Text ?? string.Empty;
        var suggestions = TestFlow.SuggestionTitles(reply);
        if (expected.Fragments().FirstOrDefault(f => !text.Contains(f, StringComparison.OrdinalIgnoreCase)) is { } missing)
        {
            return $"expected it to say \"{missing}\"";
        }

        if (expected.NotSays is { } forbidden && text.Contains(forbidden, StringComparison.OrdinalIgnoreCase))
        {
            return $"expected it not to say \"{forbidden}\"";
        }

        if (expected.Suggestions is { } exact && !exact.SequenceEqual(suggestions))
        {
            return $"expected the suggestions {{{string.Join(" | ", exact)}}}";
        }

        if (expected.SuggestionsInclude?.FirstOrDefault(s => !suggestions.Contains(s)) is { } absent)
        {
            return $"expected the suggestion \"{absent}\"";
        }

        if (expected.Faq is { } id)
        {
            var faq = Dialogs.FindFaq(id) ?? throw new XunitException($"The script names FAQ '{id}', which does not exist.");
            if (!text.StartsWith(faq.Answer, StringComparison.Ordinal) || !text.EndsWith(SourceDocument.Cite(faq.Sources), StringComparison.Ordinal))
            {
                return $"expected the answer of FAQ '{id}' followed by its citation";
            }

            if (!faq.Suggestions.SequenceEqual(suggestions) && !(faq.Suggestions.Count == 0 && suggestions.Count == 0))
            {
                return $"expected the follow-up suggestions of FAQ '{id}'";
            }
        }

        if (expected.Emergency)
        {
            var safety = Dialogs.Safety;
            if (!text.StartsWith(safety.EmergencyText, StringComparison.Ordinal) || !text.Contains(safety.AdvocateOffer, StringComparison.Ordinal)
                || !text.Contains("911", StringComparison.Ordinal) || !text.Contains("988", StringComparison.Ordinal))
            {
                return "expected the emergency guidance (911, 988) followed by the Patient Advocate offer";
            }

            if (!suggestions.Contains("Patient Advocate"))
            {
                return "expected the Patient Advocate to be offered";
            }
        }

        return null;
    }
}
