using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Corpus;
using AssistantBot.Knowledge.Index;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Knowledge;

/// <summary>
/// The index build's fast analysis (<see cref="PassageAnalysis.Of"/>, through <see cref="TextAnalyzer.AnalyzeDocumentInto"/>
/// and its per-word cache) must give exactly what the plain chain gives (<see cref="PassageAnalysis.Reference"/>).
/// </summary>
public sealed class PassageAnalysisTests
{
    private static readonly AnalysisResources Resources = AnalysisResources.Load(RepoPaths.Corpus);

    public static TheoryData<string, string> Passages => new()
    {
        { "Bone pain", "Radiation helps. It shrinks tumors.\n• Opioids" },
        { "", "No heading at all. Stage IV lung cancer spreads." },
        { "Stage IV", "" },
        { "   ", "  \n  " },
        { "The patient's options", "Patients' families ask: how long? Non-small cell lung cancer (NSCLC) is 85% of cases." },
        { "Métastases osseuses", "Tuméur du poumon. PATIENT’S ＮＳＣＬＣ, ﬁbrosis\u200Bpain; bone\u0000pain.\tTabbed\ttext. Emoji 😀 here." },
        { "Apostrophes", "'' ' don't won't rock'n'roll it's James' 'quoted' words''s end'" },
        { "Long words", new string('x', 40) + " " + new string('y', 41) + " ok " + new string('z', 39) + "s" },
        { "Synonyms across sentences", "It is stage. IV disease. Late stage? Stage 4! Metastatic spread; spreading and spreads." },
        { "Numbers", "1.5 cm, 30–40 %, 9%, 2nd line, 100mg/m2, COVID-19 and T790M." },
        { "Only stop words", "What is the and of it? Is it? The." },
        { "Lists", "Treatments include:\n• chemotherapy\n• radiation therapy\n• targeted therapy (e.g. EGFR inhibitors)\nDr. Smith vs. St. John, et al. say so." },
        { "UPPER CASE HEADING", "ALL CAPS TEXT ABOUT LUNG CANCER. And Mixed Case Words About Breathing." },
        { "Greek and other scripts", "β-catenin and αβ T cells; 肺癌 is lung cancer; Ωmega." },
    };

    [Theory]
    [MemberData(nameof(Passages))]
    public void Fast_analysis_equals_the_reference_chain(string heading, string text)
    {
        var analyzer = new TextAnalyzer(Resources, Lexicon.Empty);
        var draft = new PassageDraft(heading, text);

        AssertSame(PassageAnalysis.Reference(analyzer, draft), PassageAnalysis.Of(analyzer, draft));
        // Again, now that every word is remembered.
        AssertSame(PassageAnalysis.Reference(analyzer, draft), PassageAnalysis.Of(analyzer, draft));
    }

    [Fact]
    public void Fast_analysis_equals_the_reference_chain_on_every_passage_of_the_real_corpus()
    {
        var analyzer = new TextAnalyzer(Resources, Lexicon.Empty);
        var rules = IngestionRules.Load(RepoPaths.Corpus);
        var compared = 0;
        foreach (var document in CorpusReader.ReadDocuments(RepoPaths.Corpus))
        {
            var cleaned = PageCleaner.Clean(document.Body, rules);
            var abbreviations = Abbreviations.Find(cleaned);
            foreach (var passage in PassageSplitter.Split(cleaned, document.Title))
            {
                AssertSame(PassageAnalysis.Reference(analyzer, passage, abbreviations), PassageAnalysis.Of(analyzer, passage, abbreviations));
                compared++;
            }
        }

        Assert.True(compared > 100);
    }

    [Fact]
    public void The_lexicon_counted_by_term_numbers_equals_the_one_counted_by_strings()
    {
        var analyzer = new TextAnalyzer(Resources, Lexicon.Empty);
        var rules = IngestionRules.Load(RepoPaths.Corpus);
        var (byNumber, byString) = (new LexiconCounter(), new LexiconCounter());
        foreach (var document in CorpusReader.ReadDocuments(RepoPaths.Corpus))
        {
            var cleaned = PageCleaner.Clean(document.Body, rules);
            var abbreviations = Abbreviations.Find(cleaned);
            foreach (var passage in PassageSplitter.Split(cleaned, document.Title))
            {
                var fast = PassageAnalysis.Of(analyzer, passage, abbreviations);
                Assert.NotNull(fast.TermIds);
                byNumber.Count(fast);
                byString.Count(PassageAnalysis.Reference(analyzer, passage, abbreviations));
            }
        }

        Assert.Equal(byString.TermOccurrences, byNumber.TermOccurrences);
        Assert.Equal(byString.Terms.OrderBy(p => p.Key, StringComparer.Ordinal), byNumber.Terms.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(byString.Stems.OrderBy(p => p.Key, StringComparer.Ordinal), byNumber.Stems.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(byString.Words.OrderBy(p => p.Key, StringComparer.Ordinal), byNumber.Words.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.True(byNumber.Words.Count > 1000);
    }

    [Fact]
    public void Fast_analysis_equals_the_reference_chain_on_random_text_of_the_corpus_words()
    {
        var analyzer = new TextAnalyzer(Resources, Lexicon.Empty);
        var rules = IngestionRules.Load(RepoPaths.Corpus);
        var pieces = CorpusReader.ReadDocuments(RepoPaths.Corpus)
            .SelectMany(d => PageCleaner.Clean(d.Body, rules).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Concat(Resources.Synonyms.PhraseWords).Concat(["'s", "'", "%", ".", "?", "!", "\n", "\n• ", "É", "’", "e.g.", "Dr."])
            .Distinct().ToArray();
        var random = new Random(20261121);
        for (var i = 0; i < 2000; i++)
        {
            var heading = string.Join(' ', Enumerable.Range(0, random.Next(0, 6)).Select(_ => pieces[random.Next(pieces.Length)]));
            var text = string.Join(random.Next(4) == 0 ? "" : " ", Enumerable.Range(0, random.Next(0, 120)).Select(_ => pieces[random.Next(pieces.Length)]));
            var draft = new PassageDraft(heading, text);
            AssertSame(PassageAnalysis.Reference(analyzer, draft), PassageAnalysis.Of(analyzer, draft));
        }
    }

    [Fact]
    public void Fast_document_analysis_equals_AnalyzeDocument_term_for_term()
    {
        var analyzer = new TextAnalyzer(Resources, Lexicon.Empty);
        foreach (var text in new[] { "Stage IV lung cancer's spread: 9% of patients' bones.", "Métastases ＮＳＣＬＣ how long", "'' a", "" })
        {
            var (terms, words) = (new List<DocumentTerm>(), new List<DocumentTerm>());
            analyzer.AnalyzeDocumentInto(text, terms, words);
            var reference = analyzer.AnalyzeDocument(text);

            Assert.Equal(reference.AllTerms, terms.Select(t => new AnalyzedTerm(t.Text, t.Stem, t.IsSynonym ? TermOrigin.Synonym : TermOrigin.Word)));
            Assert.Equal(reference.Words, words.Select(w => w.Text));
            Assert.All(terms, t => Assert.Equal((t.Text, t.Stem), (analyzer.DocumentTerms[t.TextId], analyzer.DocumentTerms[t.StemId])));
        }
    }

    private static void AssertSame(PassageAnalysis expected, PassageAnalysis actual)
    {
        Assert.Equal(expected.StoredTerms, actual.StoredTerms);
        Assert.Equal(expected.HeadingTerms, actual.HeadingTerms);
        Assert.Equal(expected.BodyTerms, actual.BodyTerms);
        Assert.Equal(expected.TermCount, actual.TermCount);
        Assert.Equal(expected.DistinctTerms, actual.DistinctTerms);
        Assert.Equal(expected.DistinctStems, actual.DistinctStems);
        Assert.Equal(expected.DistinctWords, actual.DistinctWords);
    }
}
