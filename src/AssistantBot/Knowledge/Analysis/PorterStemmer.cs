namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// M. F. Porter's 1980 suffix-stripping algorithm, the one behind SQLite's <c>porter</c> tokenizer, written from the
/// published description. Works on lower-case ASCII words; anything else (digits, other scripts) is returned as is.
/// </summary>
public static class PorterStemmer
{
    private static readonly (string Suffix, string Replacement)[] Step2 =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3 =
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ];

    private static readonly string[] Step4Suffixes =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti",
        "ous", "ive", "ize",
    ];

    public static string Stem(string word)
    {
        if (word.Length <= 2 || !IsLowerAscii(word))
        {
            return word;
        }

        var w = new Word(word);
        w.Step1A();
        w.Step1B();
        w.Step1C();
        w.ReplaceLongest(Step2, minMeasure: 1);
        w.ReplaceLongest(Step3, minMeasure: 1);
        w.Step4();
        w.Step5();
        return w.ToString();
    }

    private static bool IsLowerAscii(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Word(string text)
    {
        private char[] _b = text.ToCharArray();
        private int _end = text.Length; // the word is _b[0.._end)

        public override string ToString() => new(_b, 0, _end);

        public void Step1A()
        {
            if (EndsWith("sses") || EndsWith("ies"))
            {
                _end -= 2;
            }
            else if (!EndsWith("ss") && EndsWith("s"))
            {
                _end -= 1;
            }
        }

        public void Step1B()
        {
            if (EndsWith("eed"))
            {
                if (Measure(_end - 3) > 0)
                {
                    _end -= 1;
                }

                return;
            }

            var removed = EndsWith("ed") && HasVowel(_end - 2) ? 2 : EndsWith("ing") && HasVowel(_end - 3) ? 3 : 0;
            if (removed == 0)
            {
                return;
            }

            _end -= removed;
            if (EndsWith("at") || EndsWith("bl") || EndsWith("iz"))
            {
                Append('e');
            }
            else if (EndsWithDoubleConsonant(_end) && _b[_end - 1] is not ('l' or 's' or 'z'))
            {
                _end -= 1;
            }
            else if (Measure(_end) == 1 && EndsConsonantVowelConsonant(_end))
            {
                Append('e');
            }
        }

        public void Step1C()
        {
            if (EndsWith("y") && HasVowel(_end - 1))
            {
                _b[_end - 1] = 'i';
            }
        }

        public void ReplaceLongest((string Suffix, string Replacement)[] rules, int minMeasure)
        {
            var best = -1;
            for (var i = 0; i < rules.Length; i++)
            {
                if (EndsWith(rules[i].Suffix) && (best < 0 || rules[i].Suffix.Length > rules[best].Suffix.Length))
                {
                    best = i;
                }
            }

            if (best >= 0 && Measure(_end - rules[best].Suffix.Length) >= minMeasure)
            {
                _end -= rules[best].Suffix.Length;
                foreach (var c in rules[best].Replacement)
                {
                    Append(c);
                }
            }
        }

        public void Step4()
        {
            string? longest = null;
            foreach (var suffix in Step4Suffixes)
            {
                if (EndsWith(suffix) && (longest is null || suffix.Length > longest.Length))
                {
                    longest = suffix;
                }
            }

            if (longest is null)
            {
                return;
            }

            var stemEnd = _end - longest.Length;
            if (Measure(stemEnd) <= 1)
            {
                return;
            }

            if (longest == "ion" && (stemEnd == 0 || _b[stemEnd - 1] is not ('s' or 't')))
            {
                return;
            }

            _end = stemEnd;
        }

        public void Step5()
        {
            if (EndsWith("e"))
            {
                var m = Measure(_end - 1);
                if (m > 1 || (m == 1 && !EndsConsonantVowelConsonant(_end - 1)))
                {
                    _end -= 1;
                }
            }

            if (EndsWith("ll") && Measure(_end) > 1)
            {
                _end -= 1;
            }
        }

        private void Append(char c)
        {
            if (_end == _b.Length)
            {
                Array.Resize(ref _b, _b.Length + 4);
            }

            _b[_end++] = c;
        }

        private bool EndsWith(string suffix)
        {
            if (suffix.Length > _end)
            {
                return false;
            }

            var start = _end - suffix.Length;
            for (var i = 0; i < suffix.Length; i++)
            {
                if (_b[start + i] != suffix[i])
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsConsonant(int i) => _b[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        /// <summary>m in [C](VC)^m[V] for the first <paramref name="length"/> letters.</summary>
        private int Measure(int length)
        {
            var m = 0;
            var i = 0;
            while (i < length && IsConsonant(i))
            {
                i++;
            }

            while (i < length)
            {
                while (i < length && !IsConsonant(i))
                {
                    i++;
                }

                if (i >= length)
                {
                    break;
                }

                m++;
                while (i < length && IsConsonant(i))
                {
                    i++;
                }
            }

            return m;
        }

        private bool HasVowel(int length)
        {
            for (var i = 0; i < length; i++)
            {
                if (!IsConsonant(i))
                {
                    return true;
                }
            }

            return false;
        }

        private bool EndsWithDoubleConsonant(int length) =>
            length >= 2 && _b[length - 1] == _b[length - 2] && IsConsonant(length - 1);

        private bool EndsConsonantVowelConsonant(int length) =>
            length >= 3 && IsConsonant(length - 3) && !IsConsonant(length - 2) && IsConsonant(length - 1)
            && _b[length - 1] is not ('w' or 'x' or 'y');
    }
}
