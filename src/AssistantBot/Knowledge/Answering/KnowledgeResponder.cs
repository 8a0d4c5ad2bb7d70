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
        var result = search.Ask(question);
        switch (result.Outcome)
        {
            case KnowledgeOutcome.Answered:
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
        feedback.PurgeAsync(turn.Now.AddDays(-options.Value.RetentionDays), cancellationToken);

    /// <summary>The answer as a message: the full answer and source in text, the same in a card, related questions as buttons.</summary>
    public static Activity AnswerActivity(KnowledgeAnswer answer, string question) => new()
    {
        Type = ActivityTypes.Message,
        Text = answer.Text + "\n\n" + KnowledgeText.SourcePrefix + answer.Source,
        Attachments = [AnswerCard.Create(answer, question)],
        SuggestedActions = AssistantTurn.Suggestions(answer.Related),
    };
}
