using System.Net.Mail;
using System.Text;

namespace AssistantBot.Handoff;

/// <summary>Checks what visitors type as a way to reach them. Lenient about formatting, strict about content.</summary>
public static class ContactValidation
{
    public const int MaxNameLength = 100;
    public const int MaxFreeTextLength = 500;

    /// <summary>A phone number: 7 to 15 digits (E.164 allows 15), an optional leading +, and the usual separators.</summary>
    public static bool TryNormalizePhone(string input, out string phone)
    {
        phone = string.Empty;
        var text = input.Trim();
        if (text.Length is 0 or > 30)
        {
            return false;
        }

        var digits = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && i == 0)
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        var count = digits.ToString().Count(char.IsAsciiDigit);
        if (count is < 7 or > 15)
        {
            return false;
        }

        phone = digits.ToString();
        return true;
    }

    public static bool TryNormalizeEmail(string input, out string email)
    {
        email = input.Trim();
        return email.Length is > 5 and <= 254 &&
            !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or '\'') &&
            MailAddress.TryCreate(email, out var address) &&
            address.Address == email &&
            address.Host.Contains('.', StringComparison.Ordinal) &&
            !address.Host.StartsWith('.') && !address.Host.EndsWith('.');
    }

    /// <summary>Free text as we keep it: trimmed, control characters removed, at most <paramref name="max"/> characters.</summary>
    public static string Clean(string input, int max)
    {
        var kept = new string(input.Where(c => !char.IsControl(c) || c == '\n').ToArray()).Trim();
        return kept.Length <= max ? kept : kept[..max];
    }
}
