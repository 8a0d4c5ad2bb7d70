using AssistantBot.Assistant;
using AssistantBot.BotFramework.Schema;
using AssistantBot.Conversations;
using AssistantBot.Knowledge.Feedback;

namespace AssistantBot.Knowledge.Answering;

/// <summary>
/// What the router calls when no dialog applies: answers a question from the corpus with its source, or says
/// plainly that the sources do not cover it, offers the Patient Advocate and records the question for editors.
/// It also takes the "Was this helpful?" answers that come back from answer cards.
/// </summary>
public sealed class KnowledgeResponder(
    KnowledgeSearch search,
    IKnowledgeFeedbackStore feedback,
    Microsoft.Extensions.Options.IOptions<KnowledgeOptions> options,
    ILogger<KnowledgeResponder> logger)
{
    /// <summary>
    /// Replies to <paramref name="question"/>. Returns true when it answered from the corpus; false when it did not
    /// (it has then already said so and offered the Patient Advocate, or asked for a clearer or shorter question).
    /// </summary>
    public async Task<bool> RespondAsync(AssistantTurn turn, string question, CancellationToken cancellationToken)
    {
        var result = search.Ask(question, CurrentTopic(turn));
        switch (result.Outcome)
        {
            case KnowledgeOutcome.Answered:
                turn.Conversation.Knowledge = KnowledgeTopic.Of(result.Analysis, turn.Now);
                turn.Reply(AnswerActivity(result.Answer!, question));
                return true;
            case KnowledgeOutcome.NoQuestion:
                turn.Reply(KnowledgeText.NoQuestion, KnowledgeText.ExampleQuestions);
                return false;
            case KnowledgeOutcome.TooLong:
                turn.Reply(KnowledgeText.TooLong, [AssistantText.PatientAdvocate]);
                return false;
            default:
                await feedback.RecordUnansweredAsync(
                    new UnansweredQuestion(question, result.Answer is null ? "no-match" : "low-confidence", result.Confidence, turn.Activity.ChannelId, turn.Now),
                    cancellationToken);
                await ForgetExpiredAsync(turn, cancellationToken);
                turn.Reply(KnowledgeText.NotCovered, [AssistantText.PatientAdvocate]);
                return false;
        }
    }

    /// <summary>
    /// Remembers <paramref name="question"/> as the conversation's topic when something other than retrieval (a
    /// scripted FAQ) answered it, so a follow-up to that answer is understood too.
    /// </summary>
    public void RememberTopic(AssistantTurn turn, string question)
    {
        var analysis = search.Analyze(question);
        if (!analysis.IsEmpty)
        {
            turn.Conversation.Knowledge = KnowledgeTopic.Of(analysis, turn.Now);
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> reads as a follow-up of the conversation's last answer ("How is it treated?"):
    /// then it means something only with that answer's topic, which retrieval has and a scripted FAQ match does not.
    /// </summary>
    public bool IsFollowUp(AssistantTurn turn, string text) => search.IsFollowUp(text, CurrentTopic(turn));

    /// <summary>The conversation's topic, while it is recent enough to be what a follow-up means.</summary>
    private KnowledgeTopic? CurrentTopic(AssistantTurn turn) =>
        turn.Conversation.Knowledge is { } topic && turn.Now - topic.AnsweredAt <= TimeSpan.FromMinutes(options.Value.FollowUpMinutes) ? topic : null;

    /// <summary>Handles a submitted "Was this helpful?" answer; false when the message is not one.</summary>
    public async Task<bool> TryHandleFeedbackAsync(AssistantTurn turn, CancellationToken cancellationToken)
    {
        if (AnswerFeedbackValue.TryRead(turn.Activity.Value) is not { } value)
        {
            return false;
        }

        await feedback.RecordFeedbackAsync(
            new AnswerFeedback(value.Helpful, value.Question, value.PassageId, value.Document, value.Heading, turn.Activity.ChannelId, turn.Now),
            cancellationToken);
        await ForgetExpiredAsync(turn, cancellationToken);
        logger.LogInformation("Answer feedback: {Helpful} for {Document} / {Heading}", value.Helpful, value.Document, value.Heading);
        if (value.Helpful)
        {
            turn.Reply(KnowledgeText.ThanksHelpful);
        }
        else
        {
            turn.Reply(KnowledgeText.ThanksNotHelpful, [AssistantText.PatientAdvocate]);
        }

        return true;
    }

    /// <summary>Question text past the retention period is deleted whenever new text is stored, so none outlives it for long.</summary>
    private Task ForgetExpiredAsync(AssistantTurn turn, CancellationToken cancellationToken) =>
        feedback.PurgeAsync(FeedbackRetention.Cutoff(options.Value, turn.Now), cancellationToken);

    /// <summary>The answer as a message: the full answer and source in text, the same in a card, related questions as buttons.</summary>
    public static Activity AnswerActivity(KnowledgeAnswer answer, string question) => new()
    {
        Type = ActivityTypes.Message,
        Text = answer.Text + "\n\n" + KnowledgeText.SourcePrefix + answer.Source,
        Attachments = [AnswerCard.Create(answer, question)],
        SuggestedActions = AssistantTurn.Suggestions(answer.Related),
    };
}
