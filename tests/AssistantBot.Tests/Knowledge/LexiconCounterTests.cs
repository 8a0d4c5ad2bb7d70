using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Index;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Knowledge;

public sealed class LexiconCounterTests
{
    private static readonly TextAnalyzer Analyzer = new(AnalysisResources.Load(RepoPaths.Corpus), Lexicon.Empty);

    [Fact]
    public void Each_passage_counts_once_per_term_stem_and_word_as_written()
    {
        var counter = new LexiconCounter();

        counter.Count(new PassageAnalysis(Analyzer.AnalyzeDocument("Symptoms"), [Analyzer.AnalyzeDocument("Symptoms and signs. More symptoms.")]));
        counter.Count(new PassageAnalysis(Analyzer.AnalyzeDocument("Bone pain"), [Analyzer.AnalyzeDocument("Pain in the bones.")]));

        Assert.Equal(1, counter.Terms["symptom"].Passages); // symptoms, signs: one canonical term, one passage
        Assert.Equal(1, counter.Stems["symptom"]);
        Assert.Equal(1, counter.Words["symptoms"]);
        Assert.Equal(1, counter.Words["signs"]);
        Assert.Equal(1, counter.Stems["bone"]);
        Assert.False(counter.Words.ContainsKey("the")); // stop words: the corrector knows them anyway and never corrects to one
        Assert.Equal(8, counter.TermOccurrences); // symptom; symptom symptom symptom; bone pain; pain bone
    }
}
