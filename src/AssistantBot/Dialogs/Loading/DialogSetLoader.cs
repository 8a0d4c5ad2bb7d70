using AssistantBot.Dialogs.Model;

namespace AssistantBot.Dialogs.Loading;

/// <summary>
/// Loads every <c>*.yaml</c> / <c>*.yml</c> file under the dialogs directory into one <see cref="DialogSet"/>, or
/// throws <see cref="InvalidDialogsException"/> listing every problem with its file and line.
/// </summary>
public sealed class DialogSetLoader(ISourceCatalog sources)
{
    public DialogSet Load(string directory)
    {
        var root = Path.GetFullPath(directory);
        var shown = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar)) ?? root;
        if (!Directory.Exists(root))
        {
            throw new InvalidDialogsException([new DialogError(root, 0, "the dialogs directory does not exist (setting Dialogs:Directory)")]);
        }

        var parts = new DialogSetParts();
        var errors = new List<DialogError>();
        var files = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var display = Path.GetRelativePath(shown, file).Replace('\\', '/');
            var fileErrors = new DialogErrorList(display);
            DialogFileReader.Read(display, File.ReadAllText(file), sources, parts, fileErrors);
            errors.AddRange(fileErrors.Errors);
        }

        var shownRoot = Path.GetRelativePath(shown, root).Replace('\\', '/');
        var set = DialogSetValidator.Assemble(parts, shownRoot, errors);
        return errors.Count > 0 || set is null ? throw new InvalidDialogsException(errors) : set;
    }
}
