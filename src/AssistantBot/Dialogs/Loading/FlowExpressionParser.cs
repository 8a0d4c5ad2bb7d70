using System.Globalization;
using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Loading;

/// <summary>The expression was not understood; the message says where, for the dialog file's error.</summary>
public sealed class FlowExpressionException(string message) : Exception(message);

/// <summary>
/// Reads flow expressions (<c>age &gt;= 50 and age &lt;= 80</c>, <c>packs_per_day * years_smoked</c>) by recursive
/// descent: or → and → not → comparison → sum → product → unary → primary.
/// </summary>
public sealed class FlowExpressionParser
{
    private static readonly string[] Comparisons = ["<=", ">=", "==", "!=", "<", ">"];

    private readonly List<string> _tokens;
    private int _position;

    private FlowExpressionParser(List<string> tokens) => _tokens = tokens;

    public static FlowExpression Parse(string text)
    {
        var parser = new FlowExpressionParser(Tokenize(text));
        var expression = parser.ParseOr();
        if (parser.Peek() is { } extra)
        {
            throw new FlowExpressionException($"unexpected '{extra}' in the expression '{text}'");
        }

        return expression;
    }

    private string? Peek() => _position < _tokens.Count ? _tokens[_position] : null;

    private bool Accept(string token)
    {
        if (Peek() != token)
        {
            return false;
        }

        _position++;
        return true;
    }

    private FlowExpression ParseOr() => ParseLeftToRight(ParseAnd, "or");

    private FlowExpression ParseAnd() => ParseLeftToRight(ParseNot, "and");

    private FlowExpression ParseNot() => Accept("not") ? new FlowExpression.Not(ParseNot()) : ParseComparison();

    private FlowExpression ParseComparison()
    {
        var left = ParseSum();
        var op = Comparisons.FirstOrDefault(c => c == Peek());
        if (op is null)
        {
            return left;
        }

        _position++;
        return new FlowExpression.Binary(op, left, ParseSum());
    }

    private FlowExpression ParseSum() => ParseLeftToRight(ParseProduct, "+", "-");

    private FlowExpression ParseProduct() => ParseLeftToRight(ParseUnary, "*", "/");

    /// <summary>Operands joined by operators of one precedence level, grouped from the left: a - b - c is (a - b) - c.</summary>
    private FlowExpression ParseLeftToRight(Func<FlowExpression> operand, params string[] operators)
    {
        var left = operand();
        while (Peek() is { } token && operators.Contains(token))
        {
            _position++;
            left = new FlowExpression.Binary(token, left, operand());
        }

        return left;
    }

    private FlowExpression ParseUnary() => Accept("-") ? new FlowExpression.Negate(ParseUnary()) : ParsePrimary();

    private FlowExpression ParsePrimary()
    {
        var token = Peek() ?? throw new FlowExpressionException("the expression ends too early");
        _position++;
        if (token == "(")
        {
            var inner = ParseOr();
            if (!Accept(")"))
            {
                throw new FlowExpressionException("a '(' is never closed");
            }

            return inner;
        }

        if (token[0] == '\'')
        {
            return new FlowExpression.Constant(FlowValue.Of(token[1..^1]));
        }

        if (char.IsAsciiDigit(token[0]))
        {
            return new FlowExpression.Constant(FlowValue.Of(double.Parse(token, CultureInfo.InvariantCulture)));
        }

        if (token is "true" or "false")
        {
            return new FlowExpression.Constant(FlowValue.Of(token == "true"));
        }

        if (char.IsAsciiLetterLower(token[0]) && token is not ("and" or "or" or "not"))
        {
            return new FlowExpression.Answer(token);
        }

        throw new FlowExpressionException($"unexpected '{token}'");
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                var number = text[start..i];
                if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                {
                    throw new FlowExpressionException($"'{number}' is not a number");
                }

                tokens.Add(number);
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                var word = text[start..i];
                if (!word.Equals(word.ToLowerInvariant(), StringComparison.Ordinal))
                {
                    throw new FlowExpressionException($"names are lowercase: '{word}'");
                }

                tokens.Add(word);
            }
            else if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    throw new FlowExpressionException("a quoted text is never closed");
                }

                tokens.Add(text[i..(end + 1)]);
                i = end + 1;
            }
            else if (i + 1 < text.Length && Comparisons.Contains(text.Substring(i, 2)))
            {
                tokens.Add(text.Substring(i, 2));
                i += 2;
            }
            else if ("<>+-*/()".Contains(c))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                throw new FlowExpressionException($"unexpected '{c}'");
            }
        }

        return tokens;
    }
}
