using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Safety;

/// <summary>The safety set through the HTTP endpoint: an emergency's first reply is the emergency guidance, always.</summary>
public sealed class EmergencyConversationTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    private const string Guidance = "This may be a medical emergency. Please call 911";

    public static TheoryData<string> Emergencies() => new(SafetySet.Load().Emergencies);

    public static TheoryData<string, string> Others()
    {
        var data = new TheoryData<string, string>();
        foreach (var message in SafetySet.Load().NotEmergencies)
        {
            data.Add(message.Text, message.Expect);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Emergencies))]
    public async Task An_emergency_is_answered_first_with_the_emergency_guidance(string message)
    {
        var flow = new TestFlow(factory.CreateClient());
        await flow.Join();
        flow.AssertReply();

        await flow.Send(message);

        var first = flow.AssertReplyContains(Guidance);
        Assert.Contains("988", first.Text);
        Assert.Contains("Patient Advocate", first.Text);
        Assert.Contains("Patient Advocate", TestFlow.SuggestionTitles(first));
    }

    [Theory]
    [MemberData(nameof(Others))]
    public async Task Other_messages_get_their_decided_handling(string message, string expect)
    {
        var flow = new TestFlow(factory.CreateClient());
        await flow.Join();
        flow.AssertReply();

        var replies = await flow.Send(message);

        var first = replies[0].Text ?? string.Empty;
        Assert.Equal(expect == "emergency", first.StartsWith(Guidance, StringComparison.Ordinal));
        Assert.Equal(expect == "mention", first.StartsWith("If this is happening to you or someone with you right now", StringComparison.Ordinal));
    }
}
