using AssistantBot.Dialogs.Model;
using AssistantBot.Dialogs.Text;

namespace AssistantBot.Dialogs.Safety;

/// <summary>
/// Reads a message for red-flag symptoms, with the phrases and rules of <c>dialogs/safety.yaml</c>.
/// A phrase matches its words in order, within one clause, allowing a few words between them ("coughing up some
/// blood"); words are compared after normalisation (stems, typos). A match is negated when a negation cue stands
/// within a few words before it in the same clause. Anything not clearly negated or clearly a general question
/// counts as an emergency: a needless emergency reply costs far less than a missed one.
/// </summary>
public sealed class RedFlagDetector
{
    private readonly DialogSetCache<CompiledRules> _compiled = new(set => new CompiledRules(set.Safety));

    /// <summary>The assessment of a text is the same every time for one dialog set, so it is remembered with the set's rules.</summary>
    public SafetyAssessment Assess(DialogSet set, string text)
    {
        var rules = _compiled.For(set);
        return rules.Assessments.Get(text, rules, Assess);
    }

    private static SafetyAssessment Assess(string text, CompiledRules rules)
    {
        var raw = Words.WithClauses(text);
        var words = rules.Prepare(raw);
        // Read on the words as typed, so that "can't breathe" does not open like the question "can ...".
        var questionStart = rules.FirstQuestionClause(raw);
        var isQuestion = text.Contains('?') || questionStart is not null;
        var question = questionStart is { } clause ? string.Join(' ', raw.Where(w => w.Clause >= clause).Select(w => w.Text)) : text;
        var raised = new List<RedFlag>();
        var denied = new List<RedFlag>();
        foreach (var (flag, phrases) in rules.Flags)
        {
            var occurrences = phrases.SelectMany(p => rules.Occurrences(words, p)).ToList();
            if (occurrences.Count == 0)
            {
                continue;
            }

            if (flag.Strict || occurrences.Any(o => !o.Negated && !rules.IsNegatedAt(words, o.Start)))
            {
                raised.Add(flag);
            }
            else
            {
                denied.Add(flag);
            }
        }

        if (raised.Count > 0)
        {
            var general = questionStart is not null && !rules.NamesSomeone(words) && !raised.Any(f => f.Strict);
            return new SafetyAssessment(general ? SafetyLevel.Mention : SafetyLevel.Emergency, raised, isQuestion, question);
        }

        return new SafetyAssessment(denied.Count > 0 ? SafetyLevel.Negated : SafetyLevel.None, denied, isQuestion, question);
    }

    /// <summary>The safety rules with every phrase already split and normalised, built once per dialog set.</summary>
    private sealed class CompiledRules
    {
        public Caching.BoundedMemo<SafetyAssessment> Assessments { get; } = new();

        private readonly TolerantWords _terms;
        private readonly IReadOnlyDictionary<string, string[]> _contractions;
        private readonly HashSet<string> _clauseBreaks;
        private readonly List<string[]> _negationCues;
        private readonly HashSet<string> _singleWordCues;
        private readonly HashSet<string> _negationExceptions;
        private readonly int _negationWindow;
        private readonly List<string[]> _questionStarts;
        private readonly HashSet<string> _personalWords;

        public CompiledRules(SafetyRules rules)
        {
            _contractions = rules.Contractions.ToDictionary(c => c.Key.ToLowerInvariant(), c => Words.Of(c.Value).ToArray(), StringComparer.Ordinal);
            _clauseBreaks = rules.Negation.ClauseBreaks.Select(b => b.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

            // Typos are corrected towards the words the phrases, cues and personal words use (known words stay as they are).
            _terms = new TolerantWords(rules.RedFlags.SelectMany(f => f.Phrases)
                .Concat(rules.Negation.Cues).Concat(rules.Negation.Exceptions).Concat(rules.Questions.PersonalWords)
                .SelectMany(p => Expand(Words.WithClauses(p))).Select(w => w.Text));
            _negationCues = rules.Negation.Cues.Select(Phrase).ToList();
            _singleWordCues = _negationCues.Where(c => c.Length == 1).Select(c => c[0]).ToHashSet(StringComparer.Ordinal);
            _negationExceptions = rules.Negation.Exceptions.SelectMany(Phrase).ToHashSet(StringComparer.Ordinal);
            _negationWindow = rules.Negation.Window;
            // Compared with the message's words as typed: expanded, "can't breathe" would open like the question "can ...".
            _questionStarts = rules.Questions.Starts.Select(q => Words.Of(q).ToArray()).ToList();
            _personalWords = rules.Questions.PersonalWords.SelectMany(Phrase).ToHashSet(StringComparer.Ordinal);
            MaxGap = rules.MaxGap;
            Flags = rules.RedFlags.Select(f => (f, f.Phrases.Select(Phrase).Where(p => p.Length > 0).ToList())).ToList();
        }

        public int MaxGap { get; }

        public List<(RedFlag Flag, List<string[]> Phrases)> Flags { get; }

        /// <summary>
        /// Where the phrase's words appear in order, in one clause, with at most <see cref="MaxGap"/> words between
        /// them. A negation cue among the skipped words negates the occurrence ("legs are not numb").
        /// </summary>
        public IEnumerable<(int Start, bool Negated)> Occurrences(IReadOnlyList<Word> words, string[] phrase)
        {
            for (var start = 0; start < words.Count; start++)
            {
                if (words[start].Text != phrase[0])
                {
                    continue;
                }

                var at = start;
                var matched = 1;
                var negated = false;
                while (matched < phrase.Length)
                {
                    var next = -1;
                    for (var j = at + 1; j <= at + 1 + MaxGap && j < words.Count && words[j].Clause == words[start].Clause; j++)
                    {
                        if (words[j].Text == phrase[matched])
                        {
                            next = j;
                            break;
                        }
                    }

                    if (next < 0)
                    {
                        break;
                    }

                    negated |= words.Skip(at + 1).Take(next - at - 1).Any(w => _singleWordCues.Contains(w.Text));
                    at = next;
                    matched++;
                }

                if (matched == phrase.Length)
                {
                    yield return (start, negated);
                }
            }
        }

        /// <summary>Message words, expanded (see <see cref="Expand"/>), then normalised: stems, typos corrected.</summary>
        public List<Word> Prepare(IReadOnlyList<Word> raw) =>
            Expand(raw).Select(w => w with { Text = _terms.Normalize(w.Text) }).ToList();

        /// <summary>Contractions expanded, possessives and apostrophes dropped, clause-break words turned into boundaries.</summary>
        private List<Word> Expand(IReadOnlyList<Word> raw)
        {
            var expanded = new List<Word>();
            var shift = 0;
            foreach (var word in raw)
            {
                if (_clauseBreaks.Contains(word.Text))
                {
                    shift++;
                    continue;
                }

                var replaced = _contractions.TryGetValue(word.Text, out var replacement) ? replacement
                    : word.Text.EndsWith("'s", StringComparison.Ordinal) ? [word.Text[..^2]]
                    : [word.Text];
                expanded.AddRange(replaced.Select(w => new Word(w.Replace("'", string.Empty, StringComparison.Ordinal), word.Clause + shift)));
            }

            return expanded;
        }

        /// <summary>A negation cue within the window before <paramref name="start"/>, not undone later in the clause.</summary>
        public bool IsNegatedAt(IReadOnlyList<Word> words, int start)
        {
            var clause = words[start].Clause;
            for (var at = Math.Max(0, start - _negationWindow); at < start; at++)
            {
                foreach (var cue in _negationCues)
                {
                    if (at + cue.Length <= start && IsAt(words, at, cue, clause) && !IsUndone(words, at + cue.Length, clause))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsAt(IReadOnlyList<Word> words, int at, string[] phrase, int clause) =>
            phrase.Select((text, i) => words[at + i]).Zip(phrase).All(p => p.First.Text == p.Second && p.First.Clause == clause);

        private bool IsUndone(IReadOnlyList<Word> words, int from, int clause) =>
            words.Skip(from).TakeWhile(w => w.Clause == clause).Any(w => _negationExceptions.Contains(w.Text));

        /// <summary>The first clause that opens like a question ("what does", "can lung cancer"), if any.</summary>
        public int? FirstQuestionClause(IReadOnlyList<Word> words)
        {
            foreach (var clause in words.GroupBy(w => w.Clause))
            {
                var opening = clause.Select(w => w.Text).ToList();
                if (_questionStarts.Any(start => start.Length <= opening.Count && start.SequenceEqual(opening.Take(start.Length))))
                {
                    return clause.Key;
                }
            }

            return null;
        }

        public bool NamesSomeone(IReadOnlyList<Word> words) => words.Any(w => _personalWords.Contains(w.Text));

        private string[] Phrase(string text) => Prepare(Words.WithClauses(text)).Select(w => w.Text).ToArray();
    }
}
