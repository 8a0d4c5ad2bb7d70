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

public sealed class PlannerFrequencyTests
{
    [Fact]
    public void The_lexicon_counts_each_stem_in_exactly_as_many_passages_as_fts5_indexes_it()
    {
        using var knowledge = new KnowledgeFixture();
        var generation = knowledge.Index.Current!;
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={generation.Path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, passage_index, 'row'); SELECT term, doc FROM temp.vocabulary";
        using var reader = command.ExecuteReader();
        var checkedTerms = 0;
        while (reader.Read())
        {
            Assert.Equal((reader.GetString(0), reader.GetInt32(1)), (reader.GetString(0), generation.Analyzer.Lexicon.PassagesWithStem(reader.GetString(0))));
            checkedTerms++;
        }

        Assert.Equal(generation.Analyzer.Lexicon.StemCount, checkedTerms);
    }
}
