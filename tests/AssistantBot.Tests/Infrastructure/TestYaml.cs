using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AssistantBot.Tests.Infrastructure;

/// <summary>Test data written as YAML (scripts, the safety set, FAQ phrasings), with snake_case field names.</summary>
public static class TestYaml
{
    private static readonly IDeserializer Deserializer =
        new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    public static T Load<T>(string path) => Deserializer.Deserialize<T>(File.ReadAllText(path));
}
