using AssistantBot.Knowledge.Answering;

namespace AssistantBot.Tests.Knowledge.Answering;

public sealed class CancerWordTests
{
    private static readonly CancerTopics Topics = new(
        ["cancer"],
        new Dictionary<string, string> { ["lung"] = "lung", ["bone"] = "bone", ["breast"] = "breast" },
        new Dictionary<string, string> { ["nsclc"] = "lung" },
        assumed: "lung");

    [Fact]
    public void A_word_of_another_cancer_than_the_questions_is_something_asked_a_place()
    {
        var aboutLung = KnowledgeSearch.NamesItsCancer(Topics, new HashSet<string> { "lung" });

        Assert.True(aboutLung("lung"));
        Assert.True(aboutLung("nsclc"));
        Assert.True(aboutLung("cancer"));
        Assert.False(aboutLung("bone"));   // "bone pain" in a lung cancer question: where the pain is
        Assert.False(aboutLung("breast"));
    }

    [Fact]
    public void With_no_cancer_to_go_by_every_cancer_word_names_one()
    {
        var aboutNone = KnowledgeSearch.NamesItsCancer(Topics, new HashSet<string>());

        Assert.True(aboutNone("bone"));
        Assert.False(aboutNone("pain"));
    }
}

public sealed class CancerWordRetrievalTests : IDisposable
{
    private readonly KnowledgeFixture _knowledge = new();

    public void Dispose() => _knowledge.Dispose();

    [Fact]
    public void A_site_word_counts_in_coverage_so_a_passage_without_it_does_not_win()
    {
        var result = _knowledge.Search.Ask("Can radiotherapy help with pain in the bones?");

        Assert.True(result.Answered);
        Assert.Contains("less bone pain", result.Answer!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tumor_in_a_place_is_where_the_cancer_is_not_which_cancer()
    {
        // cancer-types.yaml: "tumor" is no cancer noun; "bone tumors" of lung cancer are bone metastases.
        var result = _knowledge.Search.Ask("Does chemo help with bone tumors?");

        Assert.Equal(["lung"], result.Cancers);
        Assert.True(result.Answered);
        Assert.Equal(["bone"], _knowledge.Search.Ask("Is bone cancer treated with chemo?").Cancers);
    }

    [Fact]
    public void Coping_finds_a_passage_on_managing_the_emotions()
    {
        // synonyms.yaml: cope, manage and deal with are one group.
        var result = _knowledge.Search.Ask("How can a person cope emotionally with cancer?");

        Assert.True(result.Answered);
        Assert.Contains("manage", result.Answer!.Text, StringComparison.Ordinal); // "manage the emotional effects" or "manage mental and emotional issues"
    }
}
