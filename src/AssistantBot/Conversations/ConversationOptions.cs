using System.ComponentModel.DataAnnotations;

namespace AssistantBot.Conversations;

public sealed class ConversationOptions
{
    public const string SectionName = "Conversations";

    /// <summary>How many times a turn runs again when another instance saved the conversation first.</summary>
    [Range(1, 50)]
    public int MaxSaveAttempts { get; set; } = 10;

    /// <summary>How many recent activity ids are kept for de-duplication.</summary>
    [Range(1, 1000)]
    public int RecentActivityIdsKept { get; set; } = 64;
}
