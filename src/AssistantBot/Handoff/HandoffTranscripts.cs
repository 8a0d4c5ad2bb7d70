using AssistantBot.BotFramework.Schema;
using AssistantBot.DirectLine;
using Microsoft.Extensions.Options;

namespace AssistantBot.Handoff;

/// <summary>
/// The conversation so far, for a request whose visitor agreed to share it. Web chat conversations keep their whole
/// log in the Direct Line store; other channels keep no log of their own.
/// </summary>
public sealed class HandoffTranscripts(IDirectLineStore directLine, IOptions<HandoffOptions> options)
{
    public async Task<List<TranscriptLine>?> ReadAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.ChannelId != Channels.DirectLine || activity.Conversation?.Id is not { } conversationId)
        {
            return null;
        }

        var keep = options.Value.TranscriptMessages;
        var lines = new Queue<TranscriptLine>();
        long watermark = 0;
        while (true)
        {
            var page = await directLine.GetActivitiesAsync(conversationId, watermark, 100, cancellationToken);
            foreach (var logged in page.Activities)
            {
                if (logged.IsType(ActivityTypes.Message) && !string.IsNullOrEmpty(logged.Text))
                {
                    lines.Enqueue(new TranscriptLine(logged.Timestamp ?? DateTimeOffset.MinValue, logged.From?.Role == RoleTypes.User ? "Visitor" : "Assistant", logged.Text));
                    if (lines.Count > keep)
                    {
                        lines.Dequeue();
                    }
                }
            }

            if (page.Activities.Count < 100)
            {
                return [.. lines];
            }

            watermark = page.Watermark;
        }
    }
}
