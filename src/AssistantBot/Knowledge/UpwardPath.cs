namespace AssistantBot.Knowledge;

/// <summary>
/// Finds a relative path in a directory or its nearest parent that has it. <c>dotnet run --project src/AssistantBot</c>
/// runs in the project directory, while the corpus and question sets live at the repository root.
/// </summary>
public static class UpwardPath
{
    /// <returns>The full path found, or the path under <paramref name="start"/> when no parent has it.</returns>
    public static string Find(string start, string relative, Func<string, bool> exists)
    {
        if (Path.IsPathRooted(relative))
        {
            return Path.GetFullPath(relative);
        }

        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return Path.GetFullPath(Path.Combine(start, relative));
    }
}
