using AssistantBot.Knowledge;
using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Corpus;
using AssistantBot.Knowledge.Index;
using AssistantBot.Knowledge.Ranking;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Knowledge.Ranking;

public sealed class PassageTermsTests
{
    private static readonly TextAnalyzer Analyzer = new(AnalysisResources.None, Lexicon.Empty);

    [Fact]
    public void Stored_terms_read_back_with_the_heading_and_each_sentence_apart()
    {
        var analysis = PassageAnalysis.Of(Analyzer, new PassageDraft("Bone pain", "Radiation helps. It shrinks tumors.\n• Opioids"));

        var terms = PassageTerms.Parse(analysis.Terms().ToString());

        Assert.Equal(["bone", "pain"], terms.Heading.ToArray());
        Assert.Equal(3, terms.UnitCount);
        Assert.Equal(["radiat", "help"], terms.Unit(0).ToArray());
        Assert.Equal(["opioid"], terms.Unit(2).ToArray());
    }

    [Fact]
    public void A_line_without_separators_is_all_heading() =>
        Assert.Equal(2, PassageTerms.Parse("bone pain").HeadingLength);
}

public sealed class FeatureTests
{
    private static readonly TextAnalyzer Analyzer = new(AnalysisResources.None, Lexicon.Empty);

    private static QuestionTerms Question(params string[] stems) => new(stems, _ => 1, s => s == "lung");

    private static PassageTerms Terms(string heading, string text) => PassageAnalysis.Of(Analyzer, new PassageDraft(heading, text)).Terms();

    [Fact]
    public void Focus_is_high_only_where_the_question_words_stand_together()
    {
        var question = Question("liver", "jaundic");
        var together = Terms("Spread", "Bones hurt. Pain is common. Fractures happen. The liver may cause jaundice.");
        var apart = Terms("Spread", "The liver is large. Bones hurt. Pain is common. Fractures happen. Jaundice is yellow skin.");

        Assert.Equal(1.0, FeatureExtractor.BestWindow(question, together).Focus);
        Assert.Equal(1, FeatureExtractor.BestWindow(question, together).Start); // the first window of three holding the last sentence
        Assert.Equal(0.5, FeatureExtractor.BestWindow(question, apart).Focus);
    }

    [Fact]
    public void Coverage_is_capped_by_the_share_of_asked_words_not_only_by_weight()
    {
        var question = new QuestionTerms(["pancreat", "symptom"], s => s == "pancreat" ? 9 : 1, s => s == "pancreat");

        Assert.Equal(0, question.Coverage([true, false]));
        Assert.Equal(1, question.Coverage([true, true]));
    }

    [Fact]
    public void Bm25_counts_length_less_than_fts5_and_a_title_heading_less_than_a_section_heading()
    {
        var question = Question("pain");
        var parameters = new Bm25Parameters(1.2, 0.5, 2, 0.5, AverageLength: 10);

        var shortPassage = parameters.Score(question, [0], [1], bodyLength: 5, underTitle: false);
        var longPassage = parameters.Score(question, [0], [1], bodyLength: 40, underTitle: false);
        var fts5Long = new Bm25Parameters(1.2, 0.75, 2, 0.5, 10).Score(question, [0], [1], 40, false);
        Assert.True(shortPassage > longPassage);
        Assert.True(longPassage > fts5Long);
        Assert.True(parameters.Score(question, [1], [0], 10, underTitle: false) > parameters.Score(question, [1], [0], 10, underTitle: true));
    }

    [Fact]
    public void A_question_shaped_heading_echoes_the_question_that_repeats_its_words()
    {
        string[] heading = ["where", "doe", "it", "spread"];
        string[] question = ["where", "doe", "lung", "cancer", "spread"];

        Assert.Equal(0.75, FeatureExtractor.HeadingEcho("Where does it spread?", heading, question));
        Assert.Equal(0, FeatureExtractor.HeadingEcho("Where it spreads", heading, question));
    }
}

public sealed class QuestionCuesTests
{
    private static readonly TextAnalyzer Analyzer = new(AnalysisResources.Load(RepoPaths.Corpus), Lexicon.Empty);
    private static readonly QuestionCues Cues = QuestionCues.Load(RepoPaths.Corpus, Analyzer);

    [Theory]
    [InlineData("Where does lung cancer usually spread?", "where")]
    [InlineData("How do doctors diagnose advanced lung cancer?", "how-diagnosed")]
    [InlineData("How many people get brain metastases?", "how-many")]
    public void The_kind_of_question_is_read_from_its_words_in_order(string question, string kind) =>
        Assert.Contains(kind, Cues.Detect(Analyzer.WordStems(question)).Select(k => k.Name));

    [Fact]
    public void Words_out_of_order_or_too_far_apart_mark_nothing() =>
        Assert.DoesNotContain("how-diagnosed", Cues.Detect(Analyzer.WordStems("I was diagnosed last year, how do I cope?")).Select(k => k.Name));

    [Fact]
    public void Answer_words_are_counted_once_each_and_not_when_the_question_holds_them()
    {
        var kinds = Cues.Detect(Analyzer.WordStems("Where does it spread?"));
        var terms = PassageAnalysis.Of(Analyzer, new PassageDraft("Spread", "It reaches the brain, the bones, the brain again and the liver.")).Terms();

        Assert.Equal(3, QuestionCues.Answers(kinds, terms, 0, terms.UnitCount, new QuestionTerms(["metastasi"], _ => 1, _ => false)));
        Assert.Equal(2, QuestionCues.Answers(kinds, terms, 0, terms.UnitCount, new QuestionTerms(["liver"], _ => 1, _ => false)));
    }

    [Fact]
    public void An_answer_word_that_is_a_stop_word_is_refused_with_its_line()
    {
        using var directory = new TempDirectory("cues");
        File.WriteAllText(Path.Combine(directory.Path, QuestionCues.FileName), "cues:\n  where:\n    question: [where]\n    answer:\n      - bone\n      - the\n");

        var error = Assert.Throws<DataFileException>(() => QuestionCues.Load(directory.Path, new TextAnalyzer(AnalysisResources.Load(RepoPaths.Corpus), Lexicon.Empty)));

        Assert.Equal(6, error.Line);
    }
}

public sealed class AbbreviationTests
{
    [Theory]
    [InlineData("performance status (PS)", "PS", "performance status")]
    [InlineData("Surveillance, Epidemiology, and End Results (SEER) Program", "SEER", "Surveillance, Epidemiology, and End Results")]
    [InlineData("the remission may be termed no evidence of disease (NED).", "NED", "no evidence of disease")]
    [InlineData("Tyrosine kinase inhibitors (TKIs) prevent", "TKI", "Tyrosine kinase inhibitors")]
    [InlineData("Non-small cell lung cancer (NSCLC) is", "NSCLC", "Non-small cell lung cancer")]
    public void A_definition_is_found_from_the_initials_before_the_brackets(string text, string abbreviation, string longForm) =>
        Assert.Equal(longForm, Abbreviations.Find(text).LongForms[abbreviation]);

    [Theory]
    [InlineData("Denosumab (Xgeva) is a monoclonal antibody")]
    [InlineData("Hemoptysis (coughing up blood)")]
    public void Brackets_that_are_not_the_initials_define_nothing(string text) =>
        Assert.Empty(Abbreviations.Find(text).LongForms);

    [Fact]
    public void A_later_use_is_read_with_its_long_form_but_the_definition_is_left_alone()
    {
        var abbreviations = Abbreviations.Find("Other factors include performance status (PS).");

        Assert.Equal("PS (performance status) is how well a person can work.", abbreviations.Expand("PS is how well a person can work."));
        Assert.Equal("Other factors include performance status (PS).", abbreviations.Expand("Other factors include performance status (PS)."));
        Assert.Equal("PSA levels", abbreviations.Expand("PSA levels"));
    }
}
