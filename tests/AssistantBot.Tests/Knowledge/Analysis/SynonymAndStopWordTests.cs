using AssistantBot.Knowledge;
using AssistantBot.Knowledge.Analysis;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Knowledge.Analysis;

/// <summary>The shipped synonyms.yaml and stopwords.txt, through the whole chain.</summary>
public sealed class SynonymAndStopWordTests
{
    private static readonly TextAnalyzer Analyzer = new(AnalysisResources.Load(RepoPaths.Corpus), Lexicon.Empty);

    [Theory]
    [InlineData("stage 4", "stage4")]
    [InlineData("Stage IV", "stage4")]
    [InlineData("stage four", "stage4")]
    [InlineData("metastatic", "stage4")]
    [InlineData("advanced", "stage4")]
    [InlineData("late-stage", "stage4")]
    [InlineData("NSCLC", "nsclc")]
    [InlineData("non-small cell lung cancer", "nsclc")]
    [InlineData("non small cell", "nsclc")]
    [InlineData("SCLC", "sclc")]
    [InlineData("small cell", "sclc")]
    [InlineData("small-cell lung cancer", "sclc")]
    [InlineData("originated", "start")]
    [InlineData("first developed", "start")]
    [InlineData("decides", "depend")]
    [InlineData("dealing with", "cope")]
    [InlineData("managing", "cope")]
    [InlineData("mets", "metastasis")]
    [InlineData("metastases", "metastasis")]
    [InlineData("spread", "metastasis")]
    [InlineData("spreading", "metastasis")]
    [InlineData("metastasized", "metastasis")]
    [InlineData("metastasize", "metastasis")]
    [InlineData("bones", "bone")]
    [InlineData("skeletal", "bone")]
    [InlineData("brains", "brain")]
    [InlineData("hepatic", "liver")]
    [InlineData("adrenal glands", "adrenal")]
    [InlineData("PET scan", "pet")]
    [InlineData("positron emission tomography", "pet")]
    [InlineData("CT", "ct")]
    [InlineData("computed tomography", "ct")]
    [InlineData("CAT scan", "ct")]
    [InlineData("MRI", "mri")]
    [InlineData("magnetic resonance imaging", "mri")]
    [InlineData("TKIs", "tki")]
    [InlineData("tyrosine kinase inhibitors", "tki")]
    [InlineData("survival", "survival")]
    [InlineData("life expectancy", "survival")]
    [InlineData("prognosis", "survival")]
    [InlineData("how long", "survival")]
    [InlineData("chemo", "chemotherapy")]
    public void Each_phrase_of_a_group_becomes_its_canonical_term(string phrase, string canonical) =>
        Assert.Equal([canonical], Analyzer.Analyze(phrase).Terms);

    [Fact]
    public void The_longest_phrase_wins_where_phrases_overlap() =>
        Assert.Equal(["nsclc", "sclc"], Analyzer.Analyze("non-small cell versus small cell").Terms);

    [Fact]
    public void Stop_words_are_dropped_but_a_synonym_made_of_them_is_kept() =>
        Assert.Equal(["survival", "stage4", "lung", "cancer"], Analyzer.Analyze("How long can my dad live with stage IV lung cancer?").Terms.Where(t => t != "live"));

    [Fact]
    public void Words_that_say_when_are_kept_in_questions_about_care() =>
        Assert.Equal(["before", "pet"], Analyzer.Analyze("What do I do before a PET scan?").Terms);

    [Fact]
    public void Ordering_a_test_is_a_request_not_what_is_asked() =>
        Assert.Equal(["ct"], Analyzer.Analyze("Why did they order a CT scan?").Terms);

    [Fact]
    public void A_question_of_stop_words_only_has_no_terms() =>
        Assert.True(Analyzer.Analyze("What is it? Can you tell me about that?").IsEmpty);

    [Fact]
    public void Possessives_and_plurals_compare_equal() =>
        Assert.Equal(Analyzer.Analyze("the patient's tumors").Stems, Analyzer.Analyze("patients tumor").Stems);

    [Fact]
    public void Search_operators_are_plain_words_or_stop_words() =>
        Assert.Equal(["near", "bone"], Analyzer.Analyze("NEAR(\"bone\" AND NOT *)").Terms);
}

public sealed class AnalysisDataFileTests
{
    [Fact]
    public void A_phrase_in_two_groups_is_refused_with_its_line()
    {
        var error = Assert.Throws<DataFileException>(() => AnalysisResources.ParseSynonyms("a: [x, y]\nb:\n  - z\n  - x\n", "synonyms.yaml"));

        Assert.Equal(4, error.Line);
        Assert.Contains("already a synonym of 'a'", error.Message);
    }

    [Theory]
    [InlineData("Stage Four: [x]", 1, "one lower-case word")]
    [InlineData("a: x", 1, "list of phrases")]
    [InlineData("a: [x\n", 2, "")]
    [InlineData("a: ['!!']", 1, "has no words")]
    public void Malformed_synonym_files_are_refused_with_the_line(string yaml, int line, string problem)
    {
        var error = Assert.Throws<DataFileException>(() => AnalysisResources.ParseSynonyms(yaml, "synonyms.yaml"));

        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Stop_words_allow_comments_and_several_words_a_line() =>
        Assert.Equal(new[] { "a", "dont", "the" }.ToHashSet(), AnalysisResources.ParseStopWords("# comment\na the  # more\n\nDon’t\n"));
}

public sealed class TextMatchTests
{
    private static readonly TextAnalyzer Analyzer = new(
        AnalysisResources.Load(RepoPaths.Corpus),
        new Lexicon([new("cancer", "cancer", 90), new("bone", "bone", 10), new("pain", "pain", 8), new("lung", "lung", 60)], 100));

    [Fact]
    public void Different_wordings_of_the_same_question_match_fully()
    {
        var score = Analyzer.Match(Analyzer.Analyze("What is the life expectancy for stage IV NSCLC?"), Analyzer.Analyze("prognosis of stage 4 non-small cell lung cancer"));

        Assert.Equal(1.0, score.Coverage, 3);
    }

    [Fact]
    public void Rare_shared_terms_count_more_than_common_ones()
    {
        var question = Analyzer.Analyze("bone pain from lung cancer");

        var rareShared = Analyzer.Match(question, Analyzer.Analyze("bone pain"));
        var commonShared = Analyzer.Match(question, Analyzer.Analyze("lung cancer"));

        Assert.True(rareShared.Score > commonShared.Score);
    }

    [Fact]
    public void Unrelated_texts_score_zero() =>
        Assert.Equal(0, Analyzer.Match(Analyzer.Analyze("bone pain"), Analyzer.Analyze("parking garage")).Score);
}
