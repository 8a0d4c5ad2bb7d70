namespace AssistantBot.Knowledge.Analysis;

/// <summary>
/// Last stage: drops words that carry no meaning for search ("what", "is", "my"). Canonical synonym terms are kept
/// even when a stop word was part of the phrase ("how long" is <c>survival</c>).
/// </summary>
public sealed class StopWordFilter(IReadOnlySet<string> stopWords) : ITokenFilter
{
    public void Apply(List<Token> tokens) =>
        tokens.RemoveAll(t => t.Origin != TermOrigin.Synonym && stopWords.Contains(t.Text));
}
