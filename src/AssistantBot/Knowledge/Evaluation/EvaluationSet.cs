using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AssistantBot.Knowledge.Evaluation;

/// <summary>
/// A question set (tests/eval/questions.yaml): questions with the passage and fact expected, and questions the
/// corpus cannot answer. See the file's header for the format.
/// </summary>
public sealed class EvaluationSet
{
    public List<EvaluationQuestion> Questions { get; set; } = [];

    public static EvaluationSet Load(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        try
        {
            var set = deserializer.Deserialize<EvaluationSet>(File.ReadAllText(path)) ?? new EvaluationSet();
            foreach (var question in set.Questions)
            {
                question.Validate(path);
            }

            return set;
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new DataFileException(path, (int)ex.Start.Line, ex.InnerException?.Message ?? ex.Message);
        }
    }
}

public sealed class EvaluationQuestion
{
    /// <summary>The question, as a visitor would type it.</summary>
    public string Ask { get; set; } = string.Empty;

    /// <summary>plain, lay, typo, follow-up or unanswerable: for the breakdown only.</summary>
    public string Kind { get; set; } = "plain";

    /// <summary>The file of the document whose passage answers it.</summary>
    public string? Document { get; set; }

    /// <summary>Words of the expected passage (its text or heading).</summary>
    public string? Passage { get; set; }

    /// <summary>Other passages that answer it just as well, each as "file | words".</summary>
    public List<string> Or { get; set; } = [];

    /// <summary>Words the first reply must contain; alternatives separated by " || ".</summary>
    public string? Fact { get; set; }

    /// <summary>Questions asked before this one in the same conversation, in order (this one is a follow-up).</summary>
    public List<string> Context { get; set; } = [];

    public bool Unanswerable => Kind == "unanswerable";

    public IEnumerable<(string Document, string Words)> ExpectedPassages()
    {
        if (Document is not null && Passage is not null)
        {
            yield return (Document, Passage);
        }

        foreach (var alternative in Or)
        {
            var parts = alternative.Split('|', 2, StringSplitOptions.TrimEntries);
            yield return (parts[0], parts.Length > 1 ? parts[1] : string.Empty);
        }
    }

    public void Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(Ask))
        {
            throw new DataFileException(path, null, "a question has no 'ask'");
        }

        if (!Unanswerable && (Document is null || Passage is null || Fact is null))
        {
            throw new DataFileException(path, null, $"'{Ask}' needs document, passage and fact (or kind: unanswerable)");
        }
    }
}
