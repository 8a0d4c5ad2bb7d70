using System.Text.Json.Serialization;
using AssistantBot.Handoff;

namespace AssistantBot.Conversations;

/// <summary>
/// Everything the assistant remembers about one conversation, saved after every turn with an ETag.
/// Features keep their own part here (a flow in progress, a hand-off) so one read and one write serve the turn.
/// </summary>
public sealed class ConversationData
{
    public bool Greeted { get; set; }

    /// <summary>The last activities processed, so a redelivered activity is recognised and ignored.</summary>
    /// <remarks>Renamed from <c>recentActivities</c> when the hash changed (SHA-256 prefixes to FNV-1a): old values are
    /// dropped, not misread; only a redelivery that spans the upgrade is missed.</remarks>
    [JsonPropertyName("recentActivityHashes")]
    public RecentActivities RecentActivities { get; set; } = new();

    public DateTimeOffset? LastActiveAt { get; set; }

    /// <summary>The serviceUrl last saved in the conversation reference; the reference is rewritten only when it changes.</summary>
    public string? ReferenceServiceUrl { get; set; }

    /// <summary>The Patient Advocate hand-off, when one was ever started in this conversation.</summary>
    [JsonPropertyName("handoff")]
    public HandoffState? HandoffData { get; set; }

    [JsonIgnore]
    public HandoffState Handoff => HandoffData ??= new HandoffState();

    /// <summary>What the conversation last got an answer about, so a follow-up ("How is it treated?") can be read in its light (knowledge).</summary>
    public AssistantBot.Knowledge.Answering.KnowledgeTopic? Knowledge { get; set; }

    /// <summary>The scripted flow in progress, if any (dialogs).</summary>
    public AssistantBot.Dialogs.State.FlowProgress? Flow { get; set; }

    public bool HasProcessed(string? activityId) => activityId is not null && RecentActivities.Contains(activityId);

    public void RememberProcessed(string? activityId, int keep)
    {
        if (activityId is null)
        {
            return;
        }

        RecentActivities.Add(activityId, keep);
    }
}
