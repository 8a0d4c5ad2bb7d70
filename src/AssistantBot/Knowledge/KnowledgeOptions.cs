using System.ComponentModel.DataAnnotations;

namespace AssistantBot.Knowledge;

/// <summary>Settings of the <c>Knowledge</c> section; every one has a working default.</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>
    /// The documents and their data files. A relative path is looked for in the content root, then in its parents,
    /// so <c>dotnet run --project src/AssistantBot</c> (content root: the project) finds the repository's corpus/.
    /// </summary>
    [Required]
    public string CorpusDirectory { get; set; } = "corpus";

    public string ResolveCorpusDirectory(string contentRoot) => UpwardPath.Find(contentRoot, CorpusDirectory, Directory.Exists);

    /// <summary>Re-index when a file in the corpus directory changes.</summary>
    public bool WatchCorpus { get; set; } = true;

    /// <summary>How long the corpus must be quiet after a change before re-indexing (an editor saves several files).</summary>
    [Range(50, 60_000)]
    public int ReindexDelayMilliseconds { get; set; } = 750;

    /// <summary>How much more a term in a section heading counts than one in the text, in BM25.</summary>
    [Range(1.0, 20.0)]
    public double HeadingWeight { get; set; } = 2.0;

    /// <summary>How many passages FTS5 returns for re-ranking.</summary>
    [Range(3, 200)]
    public int Candidates { get; set; } = 40;

    /// <summary>
    /// Below this confidence (0–1) the assistant says its sources do not cover the question. Calibrated on
    /// tests/eval/questions.yaml: see docs/knowledge.md before changing it.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ConfidenceThreshold { get; set; } = 0.47;

    /// <summary>How many related questions are offered with an answer.</summary>
    [Range(0, 3)]
    public int RelatedQuestions { get; set; } = 3;

    /// <summary>An answer longer than this is cut down to the passage's best sentences.</summary>
    [Range(200, 5000)]
    public int MaxAnswerCharacters { get; set; } = 700;

    /// <summary>Messages longer than this are not searched; the visitor is asked for a shorter question.</summary>
    [Range(50, 5000)]
    public int MaxQuestionCharacters { get; set; } = 500;

    /// <summary>How long after an answer a short follow-up ("How is it treated?") is still read as being about it.</summary>
    [Range(1, 1440)]
    public int FollowUpMinutes { get; set; } = 30;

    /// <summary>How long the text of unanswered questions and of feedback is kept for content editors.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;
}
