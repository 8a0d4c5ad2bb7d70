using System.Text.Json.Nodes;
using AssistantBot.BotFramework.Schema;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Feedback;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantBot.Tests.Knowledge;

/// <summary>
/// Questions through <c>POST /api/messages</c>, as a channel sends them. The questions are ones no scripted FAQ
/// answers (dialogs/faq), since a FAQ that really matches is answered before retrieval.
/// </summary>
public sealed class KnowledgeConversationTests(AssistantFactory factory) : IClassFixture<AssistantFactory>
{
    [Fact]
    public async Task A_covered_question_is_answered_in_the_corpus_words_with_its_source_a_card_and_related_questions()
    {
        var answer = await AskAsync("Can bone metastasis cause hypercalcemia?");

        Assert.Contains("high levels of calcium in the blood", answer.Text);
        answer = await AskAsync("What problems do bone metastases cause?");
        Assert.Contains("Source: Lung Cancer Metastasis to the Bones: What To Know, MyLungCancerTeam, posted 12 April 2024", answer.Text);
        var card = Assert.Single(answer.Attachments!);
        Assert.Equal(AnswerCard.ContentType, card.ContentType);
        var json = card.Content!.ToJsonString();
        Assert.Contains("Was this helpful?", json);
        Assert.Contains("Action.Submit", json);
        var related = TestFlow.SuggestionTitles(answer);
        Assert.InRange(related.Count, 1, 3);
        Assert.All(related, q => Assert.EndsWith("?", q));
    }

    [Fact]
    public async Task A_related_question_button_leads_to_an_answer()
    {
        var first = await AskAsync("What are the symptoms of bone metastasis?");
        var related = TestFlow.SuggestionTitles(first)[0];

        var next = await AskAsync(related);

        Assert.Contains(KnowledgeText.SourcePrefix, next.Text);
    }

    [Theory]
    [InlineData("What are the symptoms of pancreatic cancer?")]
    [InlineData("Where can I park at the hospital?")]
    [InlineData("What's the weather like today?")]
    public async Task An_uncovered_question_is_declined_with_the_patient_advocate_and_recorded(string question)
    {
        var reply = await AskAsync(question);

        Assert.Equal(KnowledgeText.NotCovered, reply.Text);
        Assert.Contains("Patient Advocate", TestFlow.SuggestionTitles(reply));
        Assert.Null(reply.Attachments);
        var store = factory.Services.GetRequiredService<IKnowledgeFeedbackStore>();
        Assert.Contains(await store.RecentUnansweredAsync(100, CancellationToken.None), u => u.Question == question);
    }

    [Fact]
    public async Task A_breast_cancer_question_gets_a_breast_cancer_passage_and_a_lung_question_a_lung_passage()
    {
        var breast = await AskAsync("Where does breast cancer spread?");
        var lung = await AskAsync("Where does lung cancer spread?");

        Assert.Contains("Understanding breast cancer metastasis", breast.Text);
        Assert.DoesNotContain("breast", lung.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Feedback_from_the_card_is_recorded_and_thanked()
    {
        var answer = await AskAsync("Can bone metastasis cause hypercalcemia?");
        var data = (JsonObject)card(answer)["actions"]![1]!["data"]!.DeepClone();
        var flow = new TestFlow(factory.CreateClient());
        var submit = flow.NewActivity();
        submit.Value = data;

        await flow.Send(submit);

        var thanks = flow.PendingReplies.Last();
        Assert.Equal(KnowledgeText.ThanksNotHelpful, thanks.Text);
        var store = factory.Services.GetRequiredService<IKnowledgeFeedbackStore>();
        Assert.Contains(await store.RecentFeedbackAsync(100, CancellationToken.None), f => !f.Helpful && f.Question == "Can bone metastasis cause hypercalcemia?");

        static JsonObject card(Activity a) => (JsonObject)a.Attachments![0].Content!;
    }

    public static TheoryData<string, string> BadInputs() => new()
    {
        { "", KnowledgeText.NoQuestion },
        { "   ", KnowledgeText.NoQuestion },
        { new string('x', 10_000), KnowledgeText.TooLong },
        { string.Join(' ', Enumerable.Repeat("what is the lung cancer", 500)), KnowledgeText.TooLong },
        { "what is it? is it that? can you?", KnowledgeText.NoQuestion },
        { "\"bone\" AND pain* OR NEAR(fracture ^heading:bone (((", KnowledgeText.NotCovered },
        { "bone* AND \"pain\" ((", KnowledgeText.SourcePrefix },
        { "'; DROP TABLE passages; -- SELECT * FROM state_items", KnowledgeText.NotCovered },
        { "😀🎗️🙏💔", KnowledgeText.NoQuestion },
        { "ما هو سرطان الرئة في المرحلة الرابعة؟", KnowledgeText.NotCovered },
        { "מהו סרטן ריאות שלב 4?", KnowledgeText.NotCovered },
        { "bone\u0000\u0007\u001b metastasis\u200b symptoms\r\n", KnowledgeText.SourcePrefix },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_sensible_answer_or_a_clear_message(string text, string expected)
    {
        var flow = new TestFlow(factory.CreateClient());

        var replies = await flow.Send(text); // TestFlow fails on any non-success status

        Assert.Contains(replies, r => (r.Text ?? string.Empty).Contains(expected, StringComparison.Ordinal));
    }

    private async Task<Activity> AskAsync(string question)
    {
        var flow = new TestFlow(factory.CreateClient());
        var replies = await flow.Send(question);
        return replies[^1];
    }
}
