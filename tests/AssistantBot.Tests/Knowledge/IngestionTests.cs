using AssistantBot.Knowledge;
using AssistantBot.Knowledge.Corpus;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Knowledge;

public sealed class IngestionRuleTests
{
    public static TheoryData<string> RuleNames() => new(IngestionRules.Load(RepoPaths.Corpus).Select(r => r.Name));

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Each_rule_does_what_its_test_says(string name)
    {
        var rule = IngestionRules.Load(RepoPaths.Corpus).Single(r => r.Name == name);

        var cleaned = PageCleaner.Clean(rule.TestBefore, [rule]);

        Assert.Equal(Lines(rule.TestAfter), Lines(cleaned));
    }

    [Theory]
    [InlineData("Share on Pinterest")]
    [InlineData("Getty Images")]
    [InlineData("Sign up")]
    [InlineData("Subscribe")]
    [InlineData("virtual assistant")]
    [InlineData("Tap to stop recording")]
    [InlineData("Show references")]
    [InlineData("Learn more about")]
    [InlineData("Read more about")]
    [InlineData("reCAPTCHA")]
    [InlineData("Adobe Stock")]
    [InlineData("Verywell / Julie Bang")]
    [InlineData("Costelloe")]
    [InlineData("Was this page helpful")]
    [InlineData("great news")]
    [InlineData("Navigation links")]
    [InlineData("More About JANE")]
    public void No_page_furniture_reaches_a_passage(string furniture)
    {
        var passages = AllPassages();

        Assert.DoesNotContain(passages, p => p.Text.Contains(furniture, StringComparison.OrdinalIgnoreCase) || p.Heading.Contains(furniture, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Hemoptysis (coughing up blood)")]
    [InlineData("Spinal cord compression is an emergency situation")]
    [InlineData("Palliative care is not the same thing as hospice")]
    [InlineData("Pancreatic 2.9%")]
    public void Content_next_to_furniture_survives(string content) =>
        Assert.Contains(AllPassages(), p => p.Text.Contains(content, StringComparison.Ordinal));

    [Fact]
    public void A_rule_without_a_test_is_refused_with_its_line()
    {
        var error = Assert.Throws<DataFileException>(() => IngestionRules.Parse("- name: x\n  line: 'y'\n", "ingestion-rules.yaml"));

        Assert.Equal(1, error.Line);
        Assert.Contains("needs a test", error.Message);
    }

    [Fact]
    public void A_rule_with_a_broken_pattern_is_refused() =>
        Assert.Throws<DataFileException>(() => IngestionRules.Parse("- name: x\n  line: '(unclosed'\n  test: {before: a, after: a}\n", "ingestion-rules.yaml"));

    private static List<PassageDraft> AllPassages()
    {
        var rules = IngestionRules.Load(RepoPaths.Corpus);
        return CorpusReader.ReadDocuments(RepoPaths.Corpus)
            .SelectMany(d => PassageSplitter.Split(PageCleaner.Clean(d.Body, rules), d.Title))
            .ToList();
    }

    private static string[] Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
}

public sealed class PassageSplitterTests
{
    [Fact]
    public void A_list_stays_with_the_sentence_that_introduces_it()
    {
        var passages = PassageSplitter.Split("Title\n\nSymptoms include:\n\n  • cough\n  • fatigue\n\nOther text here.", "Title");

        Assert.StartsWith("Symptoms include:\n• cough\n• fatigue", passages[0].Text);
    }

    [Fact]
    public void Each_passage_keeps_its_section_heading_and_the_title_heads_the_start()
    {
        var passages = PassageSplitter.Split("Opening paragraph.\n\nBone pain\n\nPain is the main symptom.\n\nIt worsens at night.", "Title");

        Assert.Equal(("Title", "Opening paragraph."), (passages[0].Heading, passages[0].Text));
        Assert.Equal(("Bone pain", "Pain is the main symptom.\nIt worsens at night."), (passages[1].Heading, passages[1].Text));
    }

    [Fact]
    public void Short_paragraphs_of_different_sections_are_never_joined() =>
        Assert.Equal(2, PassageSplitter.Split("Bones\n\nPain.\n\nBrain\n\nHeadaches.", "Title").Count);

    [Fact]
    public void An_introduction_whose_list_was_lost_keeps_only_its_earlier_sentences()
    {
        var passages = PassageSplitter.Split("It can cause adrenal insufficiency. This can lead to symptoms such as:\n\n\nAnother paragraph.", "Title");

        Assert.StartsWith("It can cause adrenal insufficiency.\n", passages[0].Text);
        Assert.DoesNotContain("such as", passages[0].Text);
    }

    [Fact]
    public void A_question_in_a_list_heads_the_answer_under_it()
    {
        var passages = PassageSplitter.Split("Questions\n\n  • Are stage 4 cancers curable?\n\n    Usually not.\n\n  • Is it painful? Sometimes it is.", "Title");

        Assert.Contains(passages, p => p is { Heading: "Are stage 4 cancers curable?", Text: "Usually not." });
        Assert.Contains(passages, p => p is { Heading: "Is it painful?", Text: "Sometimes it is." });
    }

    [Theory]
    [InlineData("Adrenal glands", true)]
    [InlineData("What is stage 4 lung cancer?", true)]
    [InlineData("Lung cancer often has no symptoms in its early stages.", false)]
    [InlineData("Some of the options include surgery, medication, and", false)]
    [InlineData("• Bone pain", false)]
    public void Headings_are_short_lines_that_do_not_end_like_sentences(string line, bool isHeading) =>
        Assert.Equal(isHeading, PassageSplitter.IsHeading(line));

    [Fact]
    public void Front_matter_describes_a_dropped_in_document()
    {
        using var corpus = new TempDirectory();
        File.WriteAllText(Path.Combine(corpus.Path, "new.md"), "---\ntitle: A new leaflet\npublisher: The Center\nupdated: 2024-05-01\ntopics: [lung cancer, fatigue]\n---\nBody text.\n");

        var document = Assert.Single(CorpusReader.ReadDocuments(corpus.Path));

        Assert.Equal(("A new leaflet", "The Center", new DateOnly(2024, 5, 1), "updated"), (document.Title, document.Publisher, document.Date, document.DateKind));
        Assert.Equal(["lung cancer", "fatigue"], document.Topics);
        Assert.Equal("Body text.\n", document.Body);
    }
}
