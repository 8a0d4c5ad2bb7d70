namespace AssistantBot.Knowledge.Analysis;

/// <summary>A word on its way through the analysis stages; each stage may rewrite, replace or drop it.</summary>
public sealed class Token(string text)
{
    public string Text { get; set; } = text;

    /// <summary>Set by <see cref="StemmingFilter"/>; until then the text itself.</summary>
    public string Stem { get; set; } = text;

    public TermOrigin Origin { get; set; } = TermOrigin.Word;
}

/// <summary>One stage of the analysis chain, working in place on the token list.</summary>
public interface ITokenFilter
{
    void Apply(List<Token> tokens);
}
