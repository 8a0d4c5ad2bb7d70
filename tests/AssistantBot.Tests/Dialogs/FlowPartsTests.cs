using AssistantBot.Dialogs.Flows;
using AssistantBot.Dialogs.Loading;
using AssistantBot.Dialogs.Model;
using AssistantBot.Dialogs.Text;

namespace AssistantBot.Tests.Dialogs;

/// <summary>The pieces a flow step relies on: reading numbers and choices, and evaluating branch expressions.</summary>
public sealed class FlowPartsTests
{
    [Theory]
    [InlineData("62", 62)]
    [InlineData("I'm 62 years old", 62)]
    [InlineData("62yo", 62)]
    [InlineData("sixty-two", 62)]
    [InlineData("sixty two", 62)]
    [InlineData("seventy", 70)]
    [InlineData("1.5", 1.5)]
    [InlineData("1/2", 0.5)]
    [InlineData("half a pack", 0.5)]
    [InlineData("a half", 0.5)]
    [InlineData("one and a half", 1.5)]
    [InlineData("2 and a half packs", 2.5)]
    [InlineData("a pack a day", 1)]
    [InlineData("a year ago", 1)]
    [InlineData("about 20, maybe 20", 20)]
    public void Numbers_are_read_in_digits_and_words(string text, double expected)
    {
        Assert.True(NumberReader.TryRead(text, out var number), text);
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a while")]
    [InlineData("lots")]
    [InlineData("2 packs for 10 years")]
    [InlineData("between 1 and 2")]
    public void Answers_without_exactly_one_number_are_not_numbers(string text) =>
        Assert.False(NumberReader.TryRead(text, out _), text);

    [Theory]
    [InlineData("I smoke now", "current")]
    [InlineData("i SMOKE now!", "current")]
    [InlineData("current", "current")]
    [InlineData("I quit 5 years ago", "former")]
    [InlineData("I'm a non smoker", "never")]
    [InlineData("never", "never")]
    [InlineData("maybe", null)]
    [InlineData("I quit, I'm a smoker", null)]
    public void Choices_are_read_by_label_value_or_wording(string text, string? expected)
    {
        var input = new ChoiceInput(
        [
            new FlowChoice("I smoke now", "current", ["smoker", "still smoke"], null),
            new FlowChoice("I used to smoke", "former", ["quit"], null),
            new FlowChoice("I have never smoked", "never", ["never", "non smoker"], null),
        ]);

        Assert.Equal(expected, ChoiceReader.Read(input, text)?.Value);
    }

    [Theory]
    [InlineData("age < 50 or age > 80", "age=45", true)]
    [InlineData("age < 50 or age > 80", "age=80", false)]
    [InlineData("age >= 50 and age <= 80", "age=50", true)]
    [InlineData("packs * years >= 20", "packs=0.5;years=40", true)]
    [InlineData("packs * years >= 20", "packs=0.5;years=39", false)]
    [InlineData("not (years_since_quitting > 15)", "years_since_quitting=15", true)]
    [InlineData("smoking == 'never'", "smoking=never", true)]
    [InlineData("smoking != 'never'", "smoking=current", true)]
    [InlineData("-age + 100 == 38", "age=62", true)]
    [InlineData("(1 + 2) * 3 == 9", "", true)]
    [InlineData("missing > 1", "", false)]
    [InlineData("missing < 1", "", false)]
    [InlineData("age / 0 > 1", "age=3", false)]
    public void Branch_conditions_evaluate_over_saved_answers(string expression, string answers, bool expected)
    {
        var values = answers.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(a => a.Split('=')).ToDictionary(a => a[0], a => a[1]);

        var result = FlowExpressionParser.Parse(expression).Evaluate(values.GetValueOrDefault);

        Assert.Equal(expected, result.IsTrue);
    }

    [Theory]
    [InlineData("age <", "ends too early")]
    [InlineData("age > > 3", "unexpected '>'")]
    [InlineData("(age > 3", "never closed")]
    [InlineData("Age > 3", "names are lowercase")]
    [InlineData("age > 3 3", "unexpected '3'")]
    [InlineData("age # 3", "unexpected '#'")]
    [InlineData("name == 'open", "never closed")]
    public void Malformed_expressions_are_refused_with_a_reason(string expression, string reason)
    {
        var exception = Assert.Throws<FlowExpressionException>(() => FlowExpressionParser.Parse(expression));
        Assert.Contains(reason, exception.Message);
    }

    [Fact]
    public void Words_keep_every_word_and_mark_clauses()
    {
        var words = Words.WithClauses("No chest pain. But I can’t breathe, 1.5 packs!");

        Assert.Equal(["no", "chest", "pain", "but", "i", "can't", "breathe", "1.5", "packs"], words.Select(w => w.Text));
        Assert.Equal([0, 0, 0, 1, 1, 1, 1, 2, 2], words.Select(w => w.Clause));
    }
}
