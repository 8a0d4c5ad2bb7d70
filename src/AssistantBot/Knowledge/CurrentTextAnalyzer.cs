using AssistantBot.Knowledge.Analysis;

namespace AssistantBot.Knowledge;

/// <summary>The <see cref="ITextAnalyzer"/> services get: always the analyzer of the corpus currently indexed.</summary>
public sealed class CurrentTextAnalyzer(KnowledgeIndex index) : ITextAnalyzer
{
    public AnalyzedText Analyze(string text) => index.Analyzer.Analyze(text);

    public MatchScore Match(AnalyzedText question, AnalyzedText candidate) => index.Analyzer.Match(question, candidate);
}
