using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Ranking;

namespace AssistantBot.Knowledge.Answering;

/// <summary>The data files that read questions rather than text: which cancer is asked about, and what kind of answer.</summary>
public sealed record QuestionData(CancerTopics Cancers, QuestionCues Cues)
{
    public static readonly QuestionData None = new(CancerTopics.None, QuestionCues.None);

    public static QuestionData Load(string directory, TextAnalyzer analyzer) =>
        new(CancerTopics.Load(directory, analyzer), QuestionCues.Load(directory, analyzer));
}
