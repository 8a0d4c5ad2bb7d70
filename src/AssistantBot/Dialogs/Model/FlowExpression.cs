using System.Globalization;

namespace AssistantBot.Dialogs.Model;

/// <summary>
/// A value in a flow expression: a number, a text or a truth value. An answer not given yet is
/// <see cref="Missing"/>, which makes every comparison false rather than failing the turn.
/// </summary>
public readonly record struct FlowValue(double? Number, string? Text, bool? Truth)
{
    public static readonly FlowValue Missing = default;

    public static FlowValue Of(double number) => new(number, null, null);

    public static FlowValue Of(string text) => new(null, text, null);

    public static FlowValue Of(bool truth) => new(null, null, truth);

    /// <summary>Saved answers are strings; those that read as invariant numbers are numbers.</summary>
    public static FlowValue FromSaved(string? saved) =>
        saved is null ? Missing
        : double.TryParse(saved, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? Of(number)
        : Of(saved);

    public bool IsTrue => Truth == true;
}

/// <summary>
/// A parsed expression over a flow's saved answers: numbers, 'text', answer names, + - * /, comparisons,
/// <c>and</c>, <c>or</c>, <c>not</c> and brackets. Parsed when the dialog files load, so mistakes are found then.
/// </summary>
public abstract record FlowExpression
{
    public abstract FlowValue Evaluate(Func<string, string?> answers);

    /// <summary>The answer names the expression reads, checked against the flow's steps when the files load.</summary>
    public abstract IEnumerable<string> Names();

    public sealed record Constant(FlowValue Value) : FlowExpression
    {
        public override FlowValue Evaluate(Func<string, string?> answers) => Value;

        public override IEnumerable<string> Names() => [];
    }

    public sealed record Answer(string Name) : FlowExpression
    {
        public override FlowValue Evaluate(Func<string, string?> answers) => FlowValue.FromSaved(answers(Name));

        public override IEnumerable<string> Names() => [Name];
    }

    public sealed record Not(FlowExpression Operand) : FlowExpression
    {
        public override FlowValue Evaluate(Func<string, string?> answers) =>
            Operand.Evaluate(answers).Truth is { } truth ? FlowValue.Of(!truth) : FlowValue.Missing;

        public override IEnumerable<string> Names() => Operand.Names();
    }

    public sealed record Negate(FlowExpression Operand) : FlowExpression
    {
        public override FlowValue Evaluate(Func<string, string?> answers) =>
            Operand.Evaluate(answers).Number is { } number ? FlowValue.Of(-number) : FlowValue.Missing;

        public override IEnumerable<string> Names() => Operand.Names();
    }

    public sealed record Binary(string Operator, FlowExpression Left, FlowExpression Right) : FlowExpression
    {
        public override FlowValue Evaluate(Func<string, string?> answers)
        {
            var left = Left.Evaluate(answers);
            var right = Right.Evaluate(answers);
            switch (Operator)
            {
                case "and":
                    return FlowValue.Of(left.IsTrue && right.IsTrue);
                case "or":
                    return FlowValue.Of(left.IsTrue || right.IsTrue);
                case "==":
                    return FlowValue.Of(left != FlowValue.Missing && left == right);
                case "!=":
                    return FlowValue.Of(left != FlowValue.Missing && right != FlowValue.Missing && left != right);
            }

            if (left.Number is not { } l || right.Number is not { } r)
            {
                // An answer not given (or a text) compares as false and computes as missing.
                return Operator is "<" or "<=" or ">" or ">=" ? FlowValue.Of(false) : FlowValue.Missing;
            }

            return Operator switch
            {
                "+" => FlowValue.Of(l + r),
                "-" => FlowValue.Of(l - r),
                "*" => FlowValue.Of(l * r),
                "/" => r == 0 ? FlowValue.Missing : FlowValue.Of(l / r),
                "<" => FlowValue.Of(l < r),
                "<=" => FlowValue.Of(l <= r),
                ">" => FlowValue.Of(l > r),
                ">=" => FlowValue.Of(l >= r),
                _ => throw new InvalidOperationException($"Unknown operator '{Operator}'."),
            };
        }

        public override IEnumerable<string> Names() => Left.Names().Concat(Right.Names());
    }
}
