namespace AssistantBot.Dialogs.Text;

/// <summary>
/// The text analysis dialogs borrow from retrieval, so that a FAQ, a command or a red flag is as tolerant of
/// wording as a search: stems, synonyms, corrected typos.
/// </summary>
public interface ITextAnalysis
{
    /// <summary>One word in the form phrases are compared in, so "coughing", "coughed" and "cougting" all meet "cough".</summary>
    string NormalizeWord(string word);

    /// <summary>The terms that carry a text's meaning (stop words dropped, synonyms unified), for FAQ matching.</summary>
    IReadOnlyList<string> Terms(string text);
}
