using System.Globalization;
using System.Text.RegularExpressions;
using AssistantBot.Dialogs.Text;

namespace AssistantBot.Dialogs.Flows;

/// <summary>
/// Finds the one number in an answer: digits ("62", "1.5", "1/2") or words ("sixty-two", "one and a half",
/// "half a pack"). "A" counts as one only before a unit ("a pack a day", "a year ago") and when nothing else is a
/// number, so "a while" is not one. Two different numbers
/// ("2 packs for 10 years") are ambiguous, and the step asks again.
/// </summary>
public static partial class NumberReader
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly HashSet<string> CountedUnits = new(StringComparer.Ordinal) { "pack", "packs", "year", "years" };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    public static bool TryRead(string text, out double number)
    {
        var withFractions = Fraction().Replace(text, m =>
            double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) is > 0 and var below
                ? (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / below).ToString(CultureInfo.InvariantCulture)
                : m.Value);
        var words = Words.Of(withFractions.Replace('-', ' ')).ToList();
        var found = new List<double>();
        var weakOne = false;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is "a" or "an")
            {
                if (Next(words, i) == "half")
                {
                    found.Add(0.5);
                    i++;
                }
                else if (Next(words, i) is { } unit && CountedUnits.Contains(unit))
                {
                    weakOne = true;
                }

                continue;
            }

            if (words[i] == "half")
            {
                found.Add(0.5);
                continue;
            }

            if (ReadValue(words, ref i) is not { } value)
            {
                continue;
            }

            // "one and a half", "2 and a half"
            if (Next(words, i) == "and" && Next(words, i + 1) is "a" or "one" && Next(words, i + 2) == "half")
            {
                value += 0.5;
                i += 3;
            }

            found.Add(value);
        }

        var distinct = found.Distinct().ToList();
        if (distinct.Count == 1)
        {
            number = distinct[0];
            return true;
        }

        number = 1;
        return distinct.Count == 0 && weakOne;
    }

    private static string? Next(List<string> words, int i) => i + 1 < words.Count ? words[i + 1] : null;

    /// <summary>A number written in digits, a fraction, or words up to the hundreds; advances <paramref name="i"/> past it.</summary>
    private static double? ReadValue(List<string> words, ref int i)
    {
        var word = words[i];
        if (double.TryParse(TrimUnit(word), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var digits))
        {
            return digits;
        }

        if (Tens.TryGetValue(word, out var tens))
        {
            if (Next(words, i) is { } unit && Units.TryGetValue(unit, out var ones) && ones is > 0 and < 10)
            {
                i++;
                return tens + ones;
            }

            return tens;
        }

        if (Units.TryGetValue(word, out var small))
        {
            return small;
        }

        return word == "hundred" ? 100 : null;
    }

    /// <summary>"62yo", "30yrs": digits followed by letters count as the digits.</summary>
    private static string TrimUnit(string word)
    {
        var end = 0;
        while (end < word.Length && (char.IsDigit(word[end]) || word[end] == '.'))
        {
            end++;
        }

        return end > 0 ? word[..end] : word;
    }

    [GeneratedRegex(@"(\d+)\s*/\s*(\d+)")]
    private static partial Regex Fraction();
}
