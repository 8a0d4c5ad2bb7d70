using AssistantBot.BotFramework.Schema;
using AssistantBot.BotFramework.Storage;
using AssistantBot.Conversations;
using AssistantBot.Dialogs.Handoff;
using AssistantBot.Dialogs.State;
using AssistantBot.Tests.Infrastructure;
using AssistantBot.Tests.Scripts;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Tests.Dialogs;

/// <summary>Per-user state, the configurable idle time, and the hand-off seams as registered.</summary>
public sealed class ConversationStateTests
{
    [Fact]
    public async Task A_returning_visitor_is_welcomed_back_in_a_new_conversation_and_the_user_state_is_stored()
    {
        using var factory = new AssistantFactory();
        var first = new TestFlow(factory.CreateClient());
        var second = new TestFlow(factory.CreateClient());

        await first.Join();
        await second.Join();

        Assert.DoesNotContain("Welcome back", first.AssertReplyContains("for education only").Text);
        second.AssertReplyContains("Welcome back");
        var stored = await factory.Services.GetRequiredService<IStorage>().ReadAsync(StateKeys.User("test", "user-1"), default);
        var user = StateJson.Deserialize<UserData>(stored!.Json);
        Assert.Equal(second.ConversationId, user.LastConversationId);
        Assert.NotNull(user.FirstSeenAt);
    }

    [Fact]
    public async Task A_user_state_write_that_loses_a_race_is_applied_again_to_what_the_other_writer_saved()
    {
        var storage = new RacingStorage(new MemoryStorage());
        var store = new UserStateStore(storage);
        var activity = new Activity { ChannelId = "test", From = new ChannelAccount { Id = "user-7" }, Conversation = new ConversationAccount { Id = "c2" } };
        var calls = 0;

        await store.UpdateAsync(activity, user =>
        {
            calls++;
            user.LastConversationId = "c2";
            return true;
        }, default);

        Assert.Equal(2, calls); // the first attempt met the other writer's version and was refused
        var saved = StateJson.Deserialize<UserData>((await storage.ReadAsync(StateKeys.User("test", "user-7"), default))!.Json);
        Assert.Equal("c2", saved.LastConversationId);
        Assert.Equal(RacingStorage.OtherWritersFirstSeen, saved.FirstSeenAt);
    }

    [Fact]
    public async Task The_idle_time_comes_from_configuration()
    {
        using var runner = new ScriptRunner(("Dialogs:IdleTimeout", "00:05:00"));

        await runner.RunAsync(new ConversationScript
        {
            Name = "idle after five minutes",
            Turns =
            [
                new ScriptTurn { Join = true },
                new ScriptTurn { User = "screening check", Routes = ["flow/screening/ask/age"] },
                new ScriptTurn { Idle = "00:04:59", User = "70", Routes = ["flow/screening/ask/smoking"] },
                new ScriptTurn { Idle = "00:05:00", User = "I smoke now", Routes = ["idle/start-over", "retrieval*"] },
            ],
        });
    }

    [Fact]
    public void With_the_hand_off_feature_in_the_host_the_seams_are_the_hand_off()
    {
        using var factory = new AssistantFactory();

        Assert.IsType<HandoffConversationSeams>(factory.Services.GetRequiredService<IActiveHandoff>());
        Assert.IsType<HandoffConversationSeams>(factory.Services.GetRequiredService<IPatientAdvocateHandoff>());
    }

    [Fact]
    public async Task Without_a_hand_off_the_patient_advocate_gets_an_honest_interim_reply()
    {
        using var factory = new AssistantFactory().WithServices(s =>
        {
            s.AddSingleton<IActiveHandoff, NoActiveHandoff>();
            s.AddSingleton<IPatientAdvocateHandoff, InterimPatientAdvocateHandoff>();
        });
        var flow = new TestFlow(factory.CreateClient());
        await flow.Join();
        flow.AssertReply();

        await flow.Send("talk to a person");

        var reply = flow.AssertReplyContains("can't take a request for a patient advocate in this chat yet");
        Assert.Contains("911", reply.Text);
        flow.AssertNoMoreReplies();
    }

    /// <summary>Another conversation of the same visitor saves between this writer's read and write.</summary>
    private sealed class RacingStorage(IStorage inner) : IStorage
    {
        public static readonly DateTimeOffset OtherWritersFirstSeen = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
        private bool _raced;

        public Task<StoreItem?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

        public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> json, string? expectedETag, CancellationToken cancellationToken)
        {
            if (!_raced)
            {
                _raced = true;
                await inner.WriteAsync(key, StateJson.Serialize(new UserData { FirstSeenAt = OtherWritersFirstSeen }), "*", cancellationToken);
            }

            return await inner.WriteAsync(key, json, expectedETag, cancellationToken);
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);
    }
}
