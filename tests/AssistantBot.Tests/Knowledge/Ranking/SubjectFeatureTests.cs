using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Corpus;
using AssistantBot.Knowledge.Index;
using AssistantBot.Knowledge.Ranking;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Knowledge.Ranking;

public sealed class SubjectFeatureTests
{
    private static readonly TextAnalyzer Analyzer = new(AnalysisResources.None, Lexicon.Empty);

    private static PassageTerms Terms(string text) => PassageAnalysis.Of(Analyzer, new PassageDraft("Prognosis", text)).Terms();

    private static string Stem(string word) => Analyzer.Analyze(word).AllTerms[0].Stem;

    [Fact]
    public void A_sentence_opening_with_what_is_asked_is_about_it()
    {
        var question = new QuestionTerms([Stem("remission")], _ => 1, _ => false);

        Assert.Equal(1, FeatureExtractor.Subject(question, Terms("Some cancers can go into remission. Remission is when the signs have gone away.")));
        Assert.Equal(0, FeatureExtractor.Subject(question, Terms("Some cancers can go into remission, even at stage 4.")));
    }

    [Fact]
    public void A_question_about_two_things_has_no_one_subject()
    {
        var question = new QuestionTerms([Stem("pain"), Stem("treatment")], _ => 1, _ => false);

        Assert.Equal(0, FeatureExtractor.Subject(question, Terms("Pain might be worse at night.")));
    }

    [Fact]
    public void Only_what_is_and_how_does_it_work_questions_look_for_their_subject()
    {
        var cues = QuestionCues.Load(RepoPaths.Corpus, new TextAnalyzer(AnalysisResources.Load(RepoPaths.Corpus), Lexicon.Empty));
        var analyzer = new TextAnalyzer(AnalysisResources.Load(RepoPaths.Corpus), Lexicon.Empty);

        Assert.Contains(cues.Detect(analyzer.WordStems("What is immunotherapy?")), k => k.Subject);
        Assert.Contains(cues.Detect(analyzer.WordStems("How does immunotherapy work?")), k => k.Subject);
        Assert.DoesNotContain(cues.Detect(analyzer.WordStems("Why do cancers spread to the lungs?")), k => k.Subject);
    }

    [Fact]
    public void The_subject_raises_relevance_by_half_at_most() =>
        Assert.Equal(1.5 * Reranker.Relevance(new PassageFeatures(2, 1, 1, 0, 0, 0)), Reranker.Relevance(new PassageFeatures(2, 1, 1, 0, 0, 0, Subject: 1)), 6);
}
