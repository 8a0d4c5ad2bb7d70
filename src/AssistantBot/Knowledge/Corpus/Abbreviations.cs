using System.Text.RegularExpressions;

namespace AssistantBot.Knowledge.Corpus;

/// <summary>
/// Abbreviations a document defines ("performance status (PS)", "no evidence of disease (NED)"). Articles define an
/// abbreviation once and use it alone afterwards ("PS is how well a person is able to perform everyday tasks"), so a
/// question in the long form would miss that passage; the index reads each later use as the long form as well.
/// Only the analysis input changes: the displayed text is always the document's own.
/// </summary>
public sealed partial class Abbreviations
{
    public static readonly Abbreviations None = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Words an abbreviation may skip ("Surveillance, Epidemiology, and End Results" is SEER).</summary>
    private static readonly HashSet<string> MinorWords = new(StringComparer.OrdinalIgnoreCase) { "and", "of", "the", "or", "for", "in", "to", "with", "on" };

    private readonly Dictionary<string, string> _longForms;
    private readonly Regex? _uses;

    private Abbreviations(Dictionary<string, string> longForms)
    {
        _longForms = longForms;
        if (longForms.Count > 0)
        {
            var alternatives = string.Join('|', longForms.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));
            _uses = new Regex($@"(?<![\w(])(?:{alternatives})s?(?![\w)])", RegexOptions.CultureInvariant);
        }
    }

    /// <summary>Abbreviation → the words it stands for.</summary>
    public IReadOnlyDictionary<string, string> LongForms => _longForms;

    /// <summary>Finds the abbreviations defined in a document's text: a run of words followed by their initials in brackets.</summary>
    public static Abbreviations Find(string text)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in Definition().Matches(text))
        {
            var abbreviation = match.Groups["short"].Value;
            var letters = abbreviation.EndsWith('s') && abbreviation.Length > 2 ? abbreviation[..^1] : abbreviation;
            if (LongFormOf(match.Groups["long"].Value, letters) is { } longForm)
            {
                found.TryAdd(letters, longForm);
            }
        }

        return found.Count == 0 ? None : new Abbreviations(found);
    }

    /// <summary>
    /// The text with each use of an abbreviation followed by its long form in brackets, for analysis only; a text
    /// that already spells the long form out (the definition itself) is left alone.
    /// </summary>
    public string Expand(string text) =>
        _uses is null
            ? text
            : _uses.Replace(text, m =>
            {
                var key = m.Value.Length > 1 && m.Value.EndsWith('s') && !_longForms.ContainsKey(m.Value) ? m.Value[..^1] : m.Value;
                var longForm = _longForms[key];
                return text.Contains(longForm, StringComparison.OrdinalIgnoreCase) ? m.Value : $"{m.Value} ({longForm})";
            });

    /// <summary>The last words of <paramref name="words"/> whose initials spell <paramref name="letters"/>, skipping minor words.</summary>
    private static string? LongFormOf(string words, string letters)
    {
        var parts = WordParts().Matches(words);
        var i = letters.Length - 1;
        var j = parts.Count - 1;
        while (i >= 0 && j >= 0)
        {
            if (char.ToUpperInvariant(parts[j].Value[0]) == letters[i])
            {
                i--;
                j--;
            }
            else if (MinorWords.Contains(parts[j].Value) && i < letters.Length - 1)
            {
                j--;
            }
            else
            {
                return null;
            }
        }

        return i >= 0 ? null : words[parts[j + 1].Index..].Trim().TrimEnd(',');
    }

    // Up to eight words (letters, hyphens, apostrophes; commas between) then an abbreviation of 2-8 letters, capitals first.
    [GeneratedRegex(@"(?<long>(?:[A-Za-z][A-Za-z'’-]*,?\s+){1,8})\((?<short>[A-Z][A-Z]{1,6}s?)\)")]
    private static partial Regex Definition();

    [GeneratedRegex(@"[A-Za-z][A-Za-z'’]*")]
    private static partial Regex WordParts();
}
