using System.Globalization;
using System.Text;

namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// First stage: one lower-case form for text however it was typed. Accents are folded (so "tumeur" and "tuméur"
/// agree), compatibility forms are unified (full-width letters, ligatures), typographic apostrophes become ', and
/// control, format and lone surrogate characters become spaces, so nothing invisible reaches the later stages.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text, int maxLength)
    {
        if (text.Length > maxLength)
        {
            // Never cut a surrogate pair in half.
            var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
            text = text[..cut];
        }

        return IsPlainAscii(text) ? text.ToLowerInvariant() : Fold(text);
    }

    private static bool IsPlainAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static string Fold(string text)
    {
        // string.Normalize refuses ill-formed UTF-16, so lone surrogates go first.
        var decomposed = ReplaceLoneSurrogates(text).Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    break;
                case UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse:
                    folded.Append(' ');
                    break;
                default:
                    folded.Append(c is '\u2018' or '\u2019' or '\u02BC' or '\u2032' ? '\'' : char.ToLowerInvariant(c));
                    break;
            }
        }

        return folded.ToString();
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair)
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                copy ??= text.ToCharArray();
                copy[i] = ' ';
            }
        }

        return copy is null ? text : new string(copy);
    }
}
