using System.Globalization;
using AssistantBot.Dialogs.Loading;
using AssistantBot.Dialogs.Safety;
using AssistantBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AssistantBot.Tests.Safety;

/// <summary>
/// The red-flag detector on the safety set, with the analysis the program uses: every emergency caught (recall 1),
/// every other message handled as decided, and the precision and recall written in docs/safety.md kept current.
/// </summary>
public sealed class SafetySetTests(ITestOutputHelper output) : IClassFixture<AssistantFactory>
{
    private readonly SafetySet _set = SafetySet.Load();

    [Fact]
    public void The_set_has_at_least_30_emergencies_and_30_other_messages()
    {
        Assert.True(_set.Emergencies.Count >= 30, $"{_set.Emergencies.Count} emergencies");
        Assert.True(_set.NotEmergencies.Count >= 30, $"{_set.NotEmergencies.Count} other messages");
    }

    [Fact]
    public void Every_emergency_is_caught_and_every_other_message_is_handled_as_decided()
    {
        using var factory = new AssistantFactory();
        var detector = factory.Services.GetRequiredService<RedFlagDetector>();
        var dialogs = factory.Services.GetRequiredService<IDialogCatalog>().Current;

        var missed = _set.Emergencies.Where(t => detector.Assess(dialogs, t).Level != SafetyLevel.Emergency).ToList();
        var mishandled = _set.NotEmergencies
            .Select(m => (m.Text, m.Level, Actual: detector.Assess(dialogs, m.Text).Level))
            .Where(m => m.Level != m.Actual)
            .ToList();

        Assert.True(missed.Count == 0, "Missed emergencies: " + string.Join(" | ", missed));
        Assert.True(mishandled.Count == 0, "Handled otherwise than decided: " + string.Join(" | ", mishandled.Select(m => $"\"{m.Text}\" expected {m.Level}, got {m.Actual}")));
    }

    [Fact]
    public void Precision_and_recall_are_those_written_in_docs_safety()
    {
        using var factory = new AssistantFactory();
        var detector = factory.Services.GetRequiredService<RedFlagDetector>();
        var dialogs = factory.Services.GetRequiredService<IDialogCatalog>().Current;

        var truePositives = _set.Emergencies.Count(t => detector.Assess(dialogs, t).Level == SafetyLevel.Emergency);
        var falsePositives = _set.NotEmergencies.Count(m => detector.Assess(dialogs, m.Text).Level == SafetyLevel.Emergency);
        var recall = Figure("recall", truePositives, _set.Emergencies.Count);
        var precision = Figure("precision", truePositives, truePositives + falsePositives);
        output.WriteLine(recall);
        output.WriteLine(precision);

        Assert.Equal(_set.Emergencies.Count, truePositives);
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "safety.md"));
        Assert.True(doc.Contains(recall, StringComparison.Ordinal) && doc.Contains(precision, StringComparison.Ordinal),
            $"docs/safety.md should state \"{recall}\" and \"{precision}\"");
    }

    private static string Figure(string name, int numerator, int denominator) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} {(double)numerator / denominator:0.000} ({numerator}/{denominator})");
}
