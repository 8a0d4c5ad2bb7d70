namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// Third stage: "patient's" and "patients'" become "patient" and "patients"; other apostrophes are dropped, so
/// "don't" becomes "dont" (a stop word). Plurals are left to the stemmer.
/// </summary>
public sealed class PossessiveFilter : ITokenFilter
{
    public void Apply(List<Token> tokens)
    {
        foreach (var token in tokens)
        {
            var text = token.Text;
            if (!text.Contains('\''))
            {
                continue;
            }

            if (text.EndsWith("'s", StringComparison.Ordinal))
            {
                text = text[..^2];
            }

            token.Text = token.Stem = text.Replace("'", string.Empty, StringComparison.Ordinal);
        }

        tokens.RemoveAll(t => t.Text.Length == 0);
    }
}
