using System.Text;
using AssistantBot.Knowledge.Analysis;
using AssistantBot.Knowledge.Corpus;

namespace AssistantBot.Benchmarks;

/// <summary>
/// A large corpus with a realistic vocabulary: words are drawn by Zipf's law (the word of rank r about 1/r as often
/// as the most common) from a long-tailed list of about <see cref="VocabularySize"/> words: the stop words first (as
/// in any text), then the real corpus's words in their real order of frequency spread among synthetic word forms
/// (pronounceable, with plural and verb endings, so stemming has work to do). Passages have a log-normal number of
/// words (median about 55) in sentences of 8 to 22 words; headings are real ones or a few drawn words.
/// So a question's common words ("cancer", "lung") are in a sizeable share of passages, as they would be in a large
/// medical collection, and its rare ones ("hypercalcemia") in a few thousand of a million.
/// </summary>
public sealed class SyntheticCorpus
{
    public const int VocabularySize = 60_000;

    /// <summary>Each real content word takes every this-many-th rank after the stop words; synthetic words fill the rest.</summary>
    private const int RealWordSpacing = 4;

    /// <summary>Zipf's exponent for natural-language word frequencies.</summary>
    private const double ZipfExponent = 1.0;

    private static readonly string[] Onsets = ["b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "br", "cl", "dr", "gr", "pl", "pr", "st", "tr", "ch", "th"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"];
    private static readonly string[] Endings = ["", "", "", "s", "ed", "ing", "ion", "al", "ity"];

    private readonly string[] _words;
    private readonly int _firstContentRank;
    private readonly double[] _cumulative;
    private readonly string[] _headings;

    private SyntheticCorpus(string[] words, int firstContentRank, string[] headings)
    {
        _words = words;
        _firstContentRank = firstContentRank;
        _headings = headings;
        _cumulative = new double[words.Length];
        double sum = 0;
        for (var r = 0; r < words.Length; r++)
        {
            sum += 1 / Math.Pow(r + 1, ZipfExponent);
            _cumulative[r] = sum;
        }

        for (var r = 0; r < words.Length; r++)
        {
            _cumulative[r] /= sum;
        }
    }

    public int Vocabulary => _words.Length;

    public static SyntheticCorpus FromRealCorpus(IReadOnlyList<PassageDraft> passages, IReadOnlySet<string> stopWords)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var passage in passages)
        {
            foreach (var word in Words(passage.Text))
            {
                frequency[word] = frequency.GetValueOrDefault(word) + 1;
            }
        }

        var stop = stopWords.Order(StringComparer.Ordinal).ToList();
        var real = frequency.Where(f => !stopWords.Contains(f.Key)).OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key).ToList();
        var known = new HashSet<string>(stop.Concat(real), StringComparer.Ordinal);
        var random = new Random(20_240_412);
        var words = new List<string>(stop);
        var nextReal = 0;
        while (words.Count < VocabularySize)
        {
            if (nextReal < real.Count && (words.Count - stop.Count) % RealWordSpacing == 0)
            {
                words.Add(real[nextReal++]);
                continue;
            }

            var synthetic = SyntheticWord(random);
            if (known.Add(synthetic))
            {
                words.Add(synthetic);
            }
        }

        return new SyntheticCorpus(words.ToArray(), stop.Count, passages.Select(p => p.Heading).Distinct().ToArray());
    }

    /// <summary>Passage number <paramref name="seed"/>, the same every run.</summary>
    public PassageDraft Passage(int seed)
    {
        var random = new Random(seed);
        var length = Math.Clamp((int)Math.Exp(4.0 + 0.5 * Gaussian(random)), 12, 250);
        var text = new StringBuilder(length * 8);
        var sentence = 0;
        var sentenceLength = 8 + random.Next(15);
        for (var i = 0; i < length; i++)
        {
            var word = Draw(random, 0);
            if (sentence == 0)
            {
                text.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            }
            else
            {
                text.Append(' ').Append(word);
            }

            if (++sentence == sentenceLength || i == length - 1)
            {
                text.Append(i == length - 1 ? "." : ". ");
                (sentence, sentenceLength) = (0, 8 + random.Next(15));
            }
        }

        var heading = random.Next(5) < 3
            ? _headings[random.Next(_headings.Length)]
            : string.Join(' ', Enumerable.Range(0, 2 + random.Next(5)).Select(_ => Draw(random, _firstContentRank)));
        return new PassageDraft(char.ToUpperInvariant(heading[0]) + heading[1..], text.ToString());
    }

    /// <summary>A word by Zipf's law, from rank <paramref name="fromRank"/> on (headings skip the stop words).</summary>
    private string Draw(Random random, int fromRank)
    {
        var low = fromRank == 0 ? 0 : _cumulative[fromRank - 1];
        var target = low + random.NextDouble() * (1 - low);
        var rank = Array.BinarySearch(_cumulative, target);
        return _words[Math.Min(rank < 0 ? ~rank : rank, _words.Length - 1)];
    }

    private static string SyntheticWord(Random random)
    {
        var word = new StringBuilder();
        var syllables = 2 + random.Next(3);
        for (var s = 0; s < syllables; s++)
        {
            word.Append(Onsets[random.Next(Onsets.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
        }

        if (random.Next(2) == 0)
        {
            word.Append(Onsets[random.Next(Onsets.Length)]);
        }

        return word.Append(Endings[random.Next(Endings.Length)]).ToString();
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static IEnumerable<string> Words(string text)
    {
        var tokens = new List<Token>();
        Tokenizer.Tokenize(TextNormalizer.Normalize(text, int.MaxValue), tokens, int.MaxValue);
        return tokens.Where(t => t.Text.All(char.IsLetter)).Select(t => t.Text);
    }
}
