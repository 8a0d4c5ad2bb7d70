namespace AssistantBot.Tests.Knowledge;

/// <summary>Retrieval behaviours on the real corpus that the question set's figures only count.</summary>
public sealed class RetrievalTests : IDisposable
{
    private readonly KnowledgeFixture _knowledge = new();

    public void Dispose() => _knowledge.Dispose();

    [Theory]
    [InlineData("symtoms of bone metastisis", "pain in your bones")]
    [InlineData("can chemo help stage 4 lung cancer", "hemotherapy")]
    [InlineData("what is hypercalcimia", "high levels of calcium in the blood")]
    [InlineData("what is a tyrosine kinase inhibitor", "blocking growth signals")]
    public void Typos_and_short_forms_of_common_medical_words_find_the_passage(string question, string expected)
    {
        var result = _knowledge.Search.Ask(question);

        Assert.True(result.Answered);
        Assert.Contains(expected, result.Answer!.Text);
    }

    [Fact]
    public void A_where_question_prefers_the_passage_that_lists_places()
    {
        var result = _knowledge.Search.Ask("Where does lung cancer usually spread?");

        Assert.Contains("adrenal glands", result.Answer!.Text);
    }

    [Fact]
    public void A_question_about_no_cancer_in_particular_may_be_answered_from_any_document()
    {
        var result = _knowledge.Search.Ask("What is RANKL?");

        Assert.True(result.Answered);
        Assert.Equal("breast-cancer-metastasis.txt", result.Answer!.Best.Passage.Document.File);
    }

    [Fact]
    public void A_passage_holding_only_one_of_two_things_asked_does_not_answer()
    {
        var result = _knowledge.Search.Ask("Does a biopsy hurt?");

        Assert.False(result.Answered);
        Assert.Contains("biopsy", result.Answer!.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_abbreviation_is_found_by_its_long_form()
    {
        var result = _knowledge.Search.Ask("What is performance status?");

        Assert.Contains("PS is how well a person is able to perform everyday tasks", result.Answer!.Text);
    }

    [Fact]
    public void Related_questions_come_from_section_headings_not_from_document_titles()
    {
        var result = _knowledge.Search.Ask("What are the symptoms of bone metastasis?");
        var fromTitles = _knowledge.Index.Current!.Documents.Select(d => AssistantBot.Knowledge.Answering.RelatedQuestions.FromHeading(d.Title)).ToList();

        Assert.NotEmpty(result.Answer!.Related);
        Assert.DoesNotContain(result.Answer.Related, fromTitles.Contains);
    }
}
