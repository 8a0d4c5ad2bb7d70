using System.ComponentModel.DataAnnotations;

namespace AssistantBot.Storage;

public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>Every file the assistant writes (databases, search index, keys) lives under this directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    /// <summary><c>Sqlite</c> (embedded, the default) or <c>Postgres</c>.</summary>
    [Required, RegularExpression("^(?i)(sqlite|postgres)$", ErrorMessage = "Storage:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Npgsql connection string, when <see cref="Provider"/> is Postgres.</summary>
    public string? PostgresConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsPostgres)
        {
            yield break;
        }

        string? problem = null;
        try
        {
            if (string.IsNullOrWhiteSpace(PostgresConnectionString))
            {
                problem = "Storage:PostgresConnectionString is required when Storage:Provider is Postgres.";
            }
            else if (string.IsNullOrEmpty(new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionString).Host))
            {
                problem = "Storage:PostgresConnectionString names no Host.";
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            problem = "Storage:PostgresConnectionString is not a valid Npgsql connection string: " + ex.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(PostgresConnectionString)]);
        }
    }
}

/// <summary>Resolved absolute paths, relative settings being taken from the content root.</summary>
public sealed class DataPaths(string contentRoot, StorageOptions options)
{
    public string DataDirectory { get; } = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));

    public string File(string name) => Path.Combine(DataDirectory, name);

    public string EnsureCreated()
    {
        Directory.CreateDirectory(DataDirectory);
        return DataDirectory;
    }
}
