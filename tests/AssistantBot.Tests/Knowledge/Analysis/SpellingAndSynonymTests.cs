using AssistantBot.Knowledge.Analysis;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Knowledge.Analysis;

/// <summary>
/// Spelling correction runs before synonyms, so it must know every word of every synonym phrase, and it must know
/// the corpus's words as written (not only their canonical forms). Reported by the dialogs work: "inhibitor" was
/// "corrected" to "inhibited" and the synonym <c>tki</c> never reached.
/// </summary>
public sealed class SpellingAndSynonymTests
{
    // A corpus in which "inhibitor" only ever occurs inside "tyrosine kinase inhibitors" (indexed as tki), while
    // "inhibited" is an ordinary word; "symptoms" is indexed as its canonical "symptom".
    private static readonly TextAnalyzer Analyzer = new(
        AnalysisResources.Load(RepoPaths.Corpus),
        new Lexicon(
            [new("tki", "tki", 3), new("inhibited", "inhibit", 2), new("symptom", "symptom", 30), new("metastasis", "metastasi", 40), new("bone", "bone", 20)],
            100,
            words: [new("inhibited", 2), new("symptoms", 30), new("symptom", 4), new("metastasis", 40), new("bone", 20), new("over", 50)]));

    [Theory]
    [InlineData("what is a tyrosine kinase inhibitor")]
    [InlineData("tyrosine kinase inhibitors")]
    [InlineData("receptor tyrosine kinase inhibitor")]
    public void Words_of_a_synonym_phrase_are_never_corrected_away_from_it(string question) =>
        Assert.Equal(["tki"], Analyzer.Analyze(question).Terms);

    [Fact]
    public void A_typo_of_a_word_the_corpus_has_only_inflected_is_corrected_to_that_inflection()
    {
        var analysis = Analyzer.Analyze("symtoms of bone metastisis");

        Assert.Equal(["symptom", "bone", "metastasis"], analysis.Terms);
        Assert.Contains(new Correction("symtoms", "symptoms"), analysis.Corrections);
    }

    [Fact]
    public void A_typo_inside_a_synonym_phrase_is_corrected_to_the_phrase_word() =>
        Assert.Equal(["tki"], Analyzer.Analyze("tyrosine kinase inhibitorss").Terms);

    [Fact]
    public void A_word_is_never_corrected_into_a_stop_word() =>
        Assert.DoesNotContain(Analyzer.Analyze("does it cover bone pain").Corrections, c => c.To == "over");
}
