using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Corpus;

namespace AssistantBot.Knowledge.Index;

/// <summary>What one build did, for the <c>index</c> tool and the logs.</summary>
public sealed record IndexBuildReport(string Path, string ContentHash, int Documents, int Passages, TimeSpan Elapsed);

/// <summary>Corpus directory → index file: read documents, remove page furniture, split, analyse, write.</summary>
public static class CorpusIndexer
{
    public static IndexBuildReport Build(string corpusDirectory, string indexPath, string contentHash)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var analyzer = new TextAnalyzer(AnalysisResources.Load(corpusDirectory), Lexicon.Empty);
        var rules = IngestionRules.Load(corpusDirectory);
        var documents = CorpusReader.ReadDocuments(corpusDirectory);
        using var writer = new SearchIndexWriter(indexPath);
        foreach (var document in documents)
        {
            var documentId = writer.AddDocument(document);
            var cleaned = PageCleaner.Clean(document.Body, rules);
            var abbreviations = Abbreviations.Find(cleaned);
            writer.AddPassages(PassageSplitter.Split(cleaned, document.Title).Select(p => (documentId, p, PassageAnalysis.Of(analyzer, p, abbreviations))).ToList());
        }

        var passages = writer.PassageCount;
        writer.Complete(contentHash);
        return new IndexBuildReport(indexPath, contentHash, documents.Count, passages, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }
}
