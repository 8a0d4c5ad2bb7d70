using AssistantBot.Dialogs.Model;
using AssistantBot.Dialogs.Text;

namespace AssistantBot.Dialogs.Flows;

/// <summary>
/// Finds the choice an answer means: its label (as the suggested action sends it), its value or one of its other
/// wordings, as the whole answer; failing that, the one choice whose wording appears inside the answer
/// ("I quit 5 years ago"), preferring the longest wording found ("non smoker" over "smoker"). Equally long wordings
/// of two different choices are ambiguous, and the step asks again.
/// </summary>
public static class ChoiceReader
{
    public static FlowChoice? Read(ChoiceInput input, string text)
    {
        var terms = new TolerantWords(input.Choices.SelectMany(c => c.Aliases.Append(c.Label).Append(c.Value)).SelectMany(Words.Of));
        var words = Prepare(text, terms);
        if (words.Length == 0)
        {
            return null;
        }

        var wordings = input.Choices.Select(c => (Choice: c, Wordings: c.Aliases.Append(c.Label).Append(c.Value).Select(w => Prepare(w, terms)).ToList())).ToList();
        var exact = wordings.FirstOrDefault(c => c.Wordings.Any(w => w.SequenceEqual(words))).Choice;
        if (exact is not null)
        {
            return exact;
        }

        var contained = wordings
            .Select(c => (c.Choice, Longest: c.Wordings.Where(w => Words.ContainsSequence(words, w)).Select(w => w.Length).DefaultIfEmpty(0).Max()))
            .Where(c => c.Longest > 0)
            .OrderByDescending(c => c.Longest)
            .ToList();
        return contained.Count == 1 || (contained.Count > 1 && contained[0].Longest > contained[1].Longest) ? contained[0].Choice : null;
    }

    private static string[] Prepare(string text, TolerantWords terms) => Words.Of(text).Select(terms.Normalize).ToArray();
}
