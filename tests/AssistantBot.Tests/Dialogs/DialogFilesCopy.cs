using AssistantBot.Dialogs.Loading;
using AssistantBot.Dialogs.Model;
using AssistantBot.Tests.Infrastructure;

namespace AssistantBot.Tests.Dialogs;

/// <summary>A copy of the repository's dialogs/ in a temporary directory, for tests that break or change files.</summary>
public sealed class DialogFilesCopy : IDisposable
{
    private readonly TempDirectory _root = new("assistantbot-dialogs");

    public DialogFilesCopy()
    {
        Directory = Path.Combine(_root.Path, "dialogs");
        foreach (var file in System.IO.Directory.EnumerateFiles(RepoPaths.Dialogs, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(RepoPaths.Dialogs, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Directory { get; }

    public static DialogSetLoader Loader() => new(new CorpusSourceCatalog(RepoPaths.Corpus));

    public DialogFilesCopy Write(string relativePath, string yaml)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return this;
    }

    public DialogFilesCopy Delete(string relativePath)
    {
        File.Delete(Path.Combine(Directory, relativePath));
        return this;
    }

    public DialogSet Load() => Loader().Load(Directory);

    public IReadOnlyList<DialogError> Errors() => Assert.Throws<InvalidDialogsException>(Load).Errors;

    public void Dispose() => _root.Dispose();
}
