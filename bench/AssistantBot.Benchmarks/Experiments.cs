using System.Diagnostics;
using System.Globalization;
using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Answering;
using AssistantBot.Knowledge.Corpus;
using AssistantBot.Knowledge.Index;
using Microsoft.Data.Sqlite;

namespace AssistantBot.Benchmarks;

/// <summary>
/// Measurements behind the index build's choices (docs/benchmarks.md): each analysis stage's CPU time per passage, the
/// fast analysis checked passage by passage against the reference chain, then the FTS5 and passage-row writes alone or
/// together and with other FTS5 hash sizes (<c>rows</c>, <c>fts</c>, <c>both</c>, <c>hash8388608</c> ...).
/// </summary>
public static class Experiments
{
    public static void Run(int passages, string variant)
    {
        using var host = BenchHost.Empty();
        var (analyzer, generator) = LargeCorpus.GeneratorForExperiments();
        var cpu = Process.GetCurrentProcess();
        TimeSpan Cpu() { cpu.Refresh(); return cpu.TotalProcessorTime; }
        var drafts = Enumerable.Range(0, passages).Select(generator.Passage).ToArray();
        _ = drafts.Sum(d => analyzer.AnalyzeDocument(d.Text).AllTerms.Count);
        double Best(Action run) => Enumerable.Range(0, 5).Min(_ => { var t0 = Cpu(); run(); return (Cpu() - t0).TotalMicroseconds / passages; });
        Console.WriteLine($"split {Best(() => drafts.Sum(d => SentenceSplitter.Split(d.Text).Count)):0.0} us");
        Console.WriteLine($"reference analysis {Best(() => drafts.Sum(d => PassageAnalysis.Reference(analyzer, d).TermCount)):0.0} us");
        Console.WriteLine($"fast analysis {Best(() => drafts.Sum(d => PassageAnalysis.Of(analyzer, d).TermCount)):0.0} us");
        var (tl, wl) = (new List<DocumentTerm>(), new List<DocumentTerm>());
        Console.WriteLine($"AnalyzeDocumentInto on whole text {Best(() => { foreach (var d in drafts) { tl.Clear(); wl.Clear(); analyzer.AnalyzeDocumentInto(d.Text, tl, wl); } }):0.0} us ({drafts.Sum(d => { tl.Clear(); wl.Clear(); analyzer.AnalyzeDocumentInto(d.Text, tl, wl); return tl.Count; }) / (double)passages:0.0} terms)");
        Console.WriteLine($"scan chars only {Best(() => { var n = 0; foreach (var d in drafts) { foreach (var c in d.Text) { if (char.IsLetterOrDigit(c)) n++; } } GC.KeepAlive(n); }):0.0} us");
        var t = Cpu();
        var analyses = drafts.Select(d => PassageAnalysis.Of(analyzer, d)).ToArray();
        var differ = drafts.Where((d, i) => PassageAnalysis.Reference(analyzer, d) is var r && (r.StoredTerms != analyses[i].StoredTerms || r.BodyTerms != analyses[i].BodyTerms || r.HeadingTerms != analyses[i].HeadingTerms
            || !r.DistinctTerms.SequenceEqual(analyses[i].DistinctTerms) || !r.DistinctStems.SequenceEqual(analyses[i].DistinctStems) || !r.DistinctWords.SequenceEqual(analyses[i].DistinctWords) || r.TermCount != analyses[i].TermCount)).Count();
        Console.WriteLine($"passages analysed differently: {differ}");
        t = Cpu();
        var lex = new LexiconCounter();
        foreach (var a in analyses) lex.Count(a);
        Console.WriteLine($"lexicon count {(Cpu() - t).TotalMicroseconds / passages:0.0} us");

        foreach (var what in variant.Split(','))
        {
            var path = Path.Combine(host.DataDirectory, $"x-{what}.db");
            File.Delete(path);
            using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            c.Open();
            void Exec(string sql) { using var k = c.CreateCommand(); k.CommandText = sql; k.ExecuteNonQuery(); }
            Exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY; PRAGMA page_size = 8192; PRAGMA cache_size = -1048576;");
            Exec(IndexSchema.Create);
            Exec("INSERT INTO passage_index (passage_index, rank) VALUES ('automerge', 0); INSERT INTO passage_index (passage_index, rank) VALUES ('crisismerge', 1999);");
            if (what.StartsWith("hash", StringComparison.Ordinal))
            {
                Exec($"INSERT INTO passage_index (passage_index, rank) VALUES ('hashsize', {what[4..]});");
            }
            using var tx = c.BeginTransaction();
            using var rows = c.CreateCommand();
            rows.CommandText = "INSERT INTO passages (id, document_id, heading, text, stems, under_title) VALUES ($id, 1, $heading, $text, $stems, 0)";
            var p = new[] { "$id", "$heading", "$text", "$stems" }.Select(n => rows.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            using var fts = c.CreateCommand();
            fts.CommandText = "INSERT INTO passage_index (rowid, heading, body) VALUES ($id, $heading, $body)";
            var f = new[] { "$id", "$heading", "$body" }.Select(n => fts.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            t = Cpu();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < passages; i++)
            {
                if (what != "fts" && !what.StartsWith("hash", StringComparison.Ordinal))
                {
                    p[0].Value = i + 1; p[1].Value = drafts[i].Heading; p[2].Value = drafts[i].Text; p[3].Value = analyses[i].StoredTerms;
                    rows.ExecuteNonQuery();
                }
                if (what != "rows")
                {
                    f[0].Value = i + 1; f[1].Value = analyses[i].HeadingTerms; f[2].Value = analyses[i].BodyTerms;
                    fts.ExecuteNonQuery();
                }
            }
            var write = Cpu() - t;
            t = Cpu();
            tx.Commit();
            var commit = Cpu() - t;
            t = Cpu();
            long segs;
            using (var k = c.CreateCommand()) { k.CommandText = "SELECT count(*) FROM passage_index_data"; segs = (long)k.ExecuteScalar()!; }
            if (what != "rows") Exec("INSERT INTO passage_index (passage_index) VALUES ('optimize');");
            var optimize = Cpu() - t;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{what}: write {write.TotalMicroseconds / passages:0.0} us (wall {sw.Elapsed.TotalMicroseconds / passages:0.0}), commit {commit.TotalMicroseconds / passages:0.0} us, optimize {optimize.TotalMicroseconds / passages:0.0} us, data rows before optimize {segs}, file {new FileInfo(path).Length / 1048576.0:0} MiB"));
        }
    }
}
