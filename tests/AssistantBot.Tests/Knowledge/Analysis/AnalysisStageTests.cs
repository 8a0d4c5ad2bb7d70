using AssistantBot.Knowledge.Analysis;

namespace AssistantBot.Tests.Knowledge.Analysis;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Métastase", "metastase")]
    [InlineData("PATIENT’S", "patient's")]
    [InlineData("ＮＳＣＬＣ", "nsclc")]
    [InlineData("ﬁbrosis", "fibrosis")]
    [InlineData("bone\u0000\u0007pain", "bone  pain")]
    [InlineData("bone\u200Bpain", "bone pain")]
    public void Folds_case_accents_compatibility_forms_and_invisible_characters(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input, 100));

    [Fact]
    public void A_lone_surrogate_becomes_a_space_instead_of_failing() =>
        Assert.Equal("a b", TextNormalizer.Normalize("a\uD800b", 100));

    [Fact]
    public void Long_text_is_cut_without_splitting_a_surrogate_pair()
    {
        var text = "abc" + "\U0001F600" + "def";

        var normalized = TextNormalizer.Normalize(text, 4);

        Assert.Equal("abc", normalized.TrimEnd());
    }
}

public sealed class TokenizerTests
{
    [Theory]
    [InlineData("\"stage 4\" AND bone*", new[] { "stage", "4", "and", "bone" })]
    [InlineData("NEAR(brain liver, 2) ^heading", new[] { "near", "brain", "liver", "2", "heading" })]
    [InlineData("heading:bone OR body:(liver", new[] { "heading", "bone", "or", "body", "liver" })]
    [InlineData("'; DROP TABLE passages; --", new[] { "drop", "table", "passages" })]
    [InlineData("non-small cell 30–40", new[] { "non", "small", "cell", "30", "40" })]
    public void Search_syntax_and_punctuation_only_separate_words(string input, string[] expected) =>
        Assert.Equal(expected, Words(TextNormalizer.Normalize(input, 100)));

    [Fact]
    public void The_percent_sign_is_the_word_percent_as_other_sources_write_it() =>
        Assert.Equal(["30", "40", "percent", "and", "9", "percent"], Words("30–40% and 9 %"));

    [Fact]
    public void Apostrophes_inside_words_and_after_a_final_s_stay_for_the_possessive_stage() =>
        Assert.Equal(["patient's", "doctors'", "don't", "rock"], Words("patient's doctors' don't 'rock'"));

    [Fact]
    public void Runs_longer_than_a_word_are_skipped() =>
        Assert.Equal(["ok"], Words(new string('a', 500) + " ok"));

    [Fact]
    public void Stops_at_the_token_limit()
    {
        var tokens = new List<Token>();

        Tokenizer.Tokenize(string.Join(' ', Enumerable.Repeat("word", 1000)), tokens, 10);

        Assert.Equal(10, tokens.Count);
    }

    [Fact]
    public void Emoji_and_symbols_make_no_words() =>
        Assert.Empty(Words(TextNormalizer.Normalize("😀🎗️ ✨ → ★", 100)));

    [Fact]
    public void Letters_of_other_scripts_are_words() =>
        Assert.Equal(2, Words(TextNormalizer.Normalize("سرطان الرئة", 100)).Length);

    private static string[] Words(string text)
    {
        var tokens = new List<Token>();
        Tokenizer.Tokenize(text, tokens, 100);
        return tokens.Select(t => t.Text).ToArray();
    }
}

public sealed class PossessiveFilterTests
{
    [Theory]
    [InlineData("patient's", "patient")]
    [InlineData("doctors'", "doctors")]
    [InlineData("don't", "dont")]
    [InlineData("lungs", "lungs")]
    public void Removes_possessives_and_other_apostrophes(string word, string expected)
    {
        var tokens = new List<Token> { new(word) };

        new PossessiveFilter().Apply(tokens);

        Assert.Equal(expected, Assert.Single(tokens).Text);
    }
}

public sealed class PorterStemmerTests
{
    // Examples from Porter's paper, step by step, and the corpus words that matter most here.
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("hopping", "hop")]
    [InlineData("falling", "fall")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("digitizer", "digit")]
    [InlineData("operator", "oper")]
    [InlineData("hopeful", "hope")]
    [InlineData("goodness", "good")]
    [InlineData("revival", "reviv")]
    [InlineData("adjustment", "adjust")]
    [InlineData("adoption", "adopt")]
    [InlineData("probate", "probat")]
    [InlineData("controll", "control")]
    [InlineData("metastasized", "metastas")]
    [InlineData("metastasizing", "metastas")]
    [InlineData("treatments", "treatment")]
    [InlineData("symptoms", "symptom")]
    [InlineData("4a", "4a")]
    public void Stems_like_the_published_algorithm(string word, string stem) =>
        Assert.Equal(stem, PorterStemmer.Stem(word));
}

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("metastisis", "metastasis", 1)]
    [InlineData("chemotheraphy", "chemotherapy", 1)]
    [InlineData("brian", "brain", 1)]
    [InlineData("weather", "whether", 2)]
    [InlineData("pancreas", "pancreatic", 3)]
    public void Counts_edits_with_swaps_as_one(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Bounded(a, b, 5));

    [Fact]
    public void Gives_up_past_the_bound() =>
        Assert.Equal(2, EditDistance.Bounded("abcdef", "uvwxyz", 1));
}

public sealed class SpellingCorrectorTests
{
    private static readonly Lexicon Vocabulary = new(
    [
        new("metastasis", "metastasi", 12), new("chemotherapy", "chemotherapi", 5), new("brain", "brain", 9),
        new("symptoms", "symptom", 20), new("whether", "whether", 7), new("breast", "breast", 3), new("breath", "breath", 4),
    ], 100);

    [Theory]
    [InlineData("metastisis", "metastasis")]
    [InlineData("chemotheraphy", "chemotherapy")]
    [InlineData("symtoms", "symptoms")]
    public void Corrects_common_medical_typos_to_corpus_words(string typo, string expected) =>
        Assert.Equal(expected, Correct(typo));

    [Theory]
    [InlineData("weather")] // two edits from "whether": too far for seven letters
    [InlineData("lng")]     // too short to guess
    [InlineData("parking")]
    public void Leaves_words_it_cannot_safely_correct(string word) =>
        Assert.Equal(word, Correct(word));

    [Fact]
    public void Words_the_stop_list_or_synonyms_know_are_not_corrected() =>
        Assert.Equal("breastt", Correct("breastt", known: w => w == "breastt"));

    [Fact]
    public void The_more_frequent_word_wins_a_tie() =>
        Assert.Equal("breath", Correct("breagh")); // one edit from both; "breath" is in more passages

    private static string Correct(string word, Func<string, bool>? known = null)
    {
        var stemmer = new StemmingFilter();
        var tokens = new List<Token> { new(word) };
        stemmer.Apply(tokens);
        new SpellingCorrector(new SpellingVocabulary(Vocabulary, []), known ?? (_ => false), stemmer).Apply(tokens);
        return tokens[0].Text;
    }
}
