using AssistantBot.Dialogs.Safety;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Safety;

/// <summary>The safety test set of <c>Safety/safety-set.yaml</c>: emergencies, and other messages with their decided handling.</summary>
public sealed class SafetySet
{
    public List<string> Emergencies { get; set; } = [];

    public List<Expected> NotEmergencies { get; set; } = [];

    public static SafetySet Load() => TestYaml.Load<SafetySet>(Path.Combine(RepoPaths.Tests, "AssistantBot.Tests", "Safety", "safety-set.yaml"));

    public sealed class Expected
    {
        public string Text { get; set; } = string.Empty;

        public string Expect { get; set; } = string.Empty;

        public SafetyLevel Level => Enum.Parse<SafetyLevel>(Expect, ignoreCase: true);
    }
}
