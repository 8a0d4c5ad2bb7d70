using System.Text.RegularExpressions;

namespace AssistantBot.Knowledge.Answering;

/// <summary>
/// Turns a section heading into the question it answers, for the related-question buttons: a heading that is a
/// question stays as it is; common heading shapes get their question ("Treating X" → "How is X treated?"); any other
/// becomes "What should I know about X?". Pressing the button asks it, and its heading words lead back to the section.
/// </summary>
public static partial class RelatedQuestions
{
    private static readonly (Regex Shape, string Question)[] Shapes =
    [
        (ShapeRegex(@"^(?:Treating|Treatment of|Treatments for) (?<x>.+)$"), "How is {x} treated?"),
        (ShapeRegex(@"^(?:Symptoms of|Signs of) (?<x>.+)$"), "What are the symptoms of {x}?"),
        (ShapeRegex(@"^(?<x>.+) symptoms$"), "What are the symptoms of {x}?"),
        (ShapeRegex(@"^Diagnosis of (?<x>.+)$"), "How is {x} diagnosed?"),
        (ShapeRegex(@"^(?<x>.+) testing$"), "What tests are used for {x}?"),
        (ShapeRegex(@"^Prognosis of (?<x>.+)$"), "What is the prognosis of {x}?"),
        (ShapeRegex(@"^Prevalence of (?<x>.+)$"), "How common is {x}?"),
        (ShapeRegex(@"^Managing (?<x>.+)$"), "How is {x} managed?"),
        (ShapeRegex(@"^Preventing (?<x>.+)$"), "Can {x} be prevented?"),
        (ShapeRegex(@"^(?<x>.+) treatment$"), "How is {x} treated?"),
        (ShapeRegex(@"^(?<x>.+) options for (?<y>.+)$"), "What are the {x} options for {y}?"),
    ];

    public static string FromHeading(string heading)
    {
        heading = heading.Trim();
        if (heading.EndsWith('?'))
        {
            return heading;
        }

        foreach (var (shape, question) in Shapes)
        {
            var match = shape.Match(heading);
            if (match.Success)
            {
                return question.Replace("{x}", Lower(match.Groups["x"].Value), StringComparison.Ordinal)
                    .Replace("{y}", Lower(match.Groups["y"].Value), StringComparison.Ordinal);
            }
        }

        return $"What should I know about {Lower(heading)}?";
    }

    /// <summary>Lower-cases title-cased words, keeping acronyms ("NSCLC", "TNM") and words with digits ("4A").</summary>
    private static string Lower(string text) =>
        TitleCaseWord().Replace(text, m => m.Value.ToLowerInvariant());

    private static Regex ShapeRegex(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\b[A-Z][a-z]+(?:-[A-Za-z]+)*\b")]
    private static partial Regex TitleCaseWord();
}
