using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using AssistantBot.Conversations;
using AssistantBot.Dialogs.State;
using AssistantBot.Handoff;
using AssistantBot.Knowledge.Answering;

namespace AssistantBot.Tests.Conversations;

/// <summary>
/// A saved conversation state must be all in its JSON: the turn runner hands the next turn the object it saved instead
/// of deserialising the same bytes (<see cref="SavedConversations"/>), which is only the same thing when nothing the
/// object holds is left out of them.
/// </summary>
public sealed class StateRoundTripTests
{
    [Fact]
    public void Every_settable_member_of_the_saved_state_is_serialised()
    {
        var missing = new List<string>();
        var seen = new HashSet<Type>();
        Walk(typeof(ConversationData), seen, missing);

        Assert.Contains(typeof(HandoffState), seen);
        Assert.Contains(typeof(KnowledgeTopic), seen);
        Assert.Contains(typeof(FlowProgress), seen);
        Assert.Empty(missing);
    }

    [Fact]
    public void A_full_state_reads_back_to_the_same_bytes()
    {
        var data = new ConversationData
        {
            Greeted = true,
            LastActiveAt = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(-8)),
            ReferenceServiceUrl = "https://channel.invalid/",
            HandoffData = new HandoffState
            {
                IntakeId = "i1", Step = IntakeStep.Consent, Editing = true, ProtectedDraft = [1, 2, 3], RequestId = "r1",
                Reference = "PA-1", Live = LiveChatState.Connected, StaffFirstName = "Ana",
            },
            Knowledge = new KnowledgeTopic { Terms = ["bone", "metastasis"], Stems = ["bone", "metastasi"], AnsweredAt = DateTimeOffset.UnixEpoch },
            Flow = new FlowProgress { FlowId = "screening", StepId = "age", Answers = { ["smoker"] = "yes" }, Paused = true },
        };
        data.RememberProcessed("a1", 64);
        data.RememberProcessed("a2", 64);

        var json = StateJson.Serialize(data);

        Assert.Equal(json, StateJson.Serialize(StateJson.Deserialize<ConversationData>(json)));
    }

    private static void Walk(Type type, HashSet<Type> seen, List<string> missing)
    {
        if (!seen.Add(type) || type.Namespace?.StartsWith("AssistantBot", StringComparison.Ordinal) != true || !type.IsClass)
        {
            return;
        }

        var info = StateJsonContext.Default.GetTypeInfo(type)!;
        if (info.Kind != JsonTypeInfoKind.Object || info.Converter.GetType().Assembly == typeof(ConversationData).Assembly)
        {
            return; // a type with its own converter (RecentActivities) writes its whole value
        }

        var serialised = info.Properties.Select(p => p.AttributeProvider).OfType<MemberInfo>().Select(m => m.Name).ToHashSet();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            if (property.SetMethod is null)
            {
                continue; // computed from serialised members (ConversationData.Handoff, HandoffState.InIntake)
            }

            if (!serialised.Contains(property.Name))
            {
                missing.Add($"{type.Name}.{property.Name}");
            }

            Walk(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, seen, missing);
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                     .Where(f => !f.Name.Contains("k__BackingField", StringComparison.Ordinal)))
        {
            missing.Add($"{type.Name}.{field.Name} (a field)");
        }
    }
}
