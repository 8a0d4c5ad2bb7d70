using System.ComponentModel.DataAnnotations;

namespace AssistantBot.Dialogs;

public sealed class DialogOptions
{
    public const string SectionName = "Dialogs";

    /// <summary>The dialog files: a relative path is looked for in the content root, then in its nearest parent that has it.</summary>
    [Required]
    public string Directory { get; set; } = "dialogs";

    /// <summary>Reload the dialogs when a file changes, keeping the last good set when the change is invalid.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>How long the files must stay unchanged before a reload, so an editor's save is read once and whole.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After this long without a message, a conversation starts over (a flow in progress is dropped).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How sure the FAQ match must be (0 to 1) to answer from a FAQ rather than from retrieval.</summary>
    [Range(0.0, 1.0)]
    public double FaqMinimumConfidence { get; set; } = 0.70;
}
