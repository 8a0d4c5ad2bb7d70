using AssistantBot.Assistant;
using AssistantBot.BotFramework.Storage;
using AssistantBot.Conversations;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Tests.Conversations;

public sealed class TurnErrorBoundaryTests
{
    [Fact]
    public async Task A_failing_turn_apologises_and_starts_the_conversation_over()
    {
        using var factory = new AssistantFactory().WithServices(s => s.AddSingleton<IAssistant>(new ThrowingAssistant()));
        var flow = new TestFlow(factory.CreateClient());
        await flow.Join();
        flow.AssertReply();

        await flow.Send("boom");

        var apology = flow.AssertReplyContains("something went wrong on my side");
        Assert.Contains("Patient Advocate", TestFlow.SuggestionTitles(apology));
        flow.AssertNoMoreReplies();
        await flow.Join();
        flow.AssertReplyContains("greeting"); // the state was reset, so the conversation is greeted again
    }

    [Fact]
    public async Task A_storage_outage_asks_to_try_again_without_a_server_error()
    {
        using var factory = new AssistantFactory().WithServices(s => s.AddSingleton<IStorage>(new UnavailableStorage()));
        var flow = new TestFlow(factory.CreateClient());

        await flow.Send("hello");

        flow.AssertReplyContains("try again in a moment");
    }

    private sealed class ThrowingAssistant : IAssistant
    {
        public Task GreetAsync(AssistantTurn turn, CancellationToken cancellationToken)
        {
            turn.Reply("greeting");
            return Task.CompletedTask;
        }

        public Task OnMessageAsync(AssistantTurn turn, CancellationToken cancellationToken)
        {
            turn.Reply("this reply must never be sent");
            throw new InvalidOperationException("the user's text must not be logged: boom");
        }
    }

    private sealed class UnavailableStorage : IStorage
    {
        public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) => throw Outage();

        public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> json, string? expectedETag, CancellationToken cancellationToken) => throw Outage();

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => throw Outage();

        private static StorageUnavailableException Outage() => new("down", new IOException("down"));
    }
}
