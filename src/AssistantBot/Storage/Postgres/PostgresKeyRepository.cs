using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace AssistantBot.Storage.Postgres;

/// <summary>
/// Data Protection's key ring in the shared database, so every instance uses the same keys: a contact encrypted by one
/// instance is read by another, and a staff cookie issued by one is accepted by all.
/// </summary>
public sealed class PostgresKeyRepository(PostgresDatabase database) : IXmlRepository
{
    public static readonly SchemaModule Schema = new("dataprotection",
    [
        """
        CREATE TABLE dataprotection_keys (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            friendly_name text,
            xml text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        """,
    ]);

    /// <summary>Names "the first key is being created" among the database's advisory locks.</summary>
    private const long FirstKeyLock = 0x4153_5349_5354_4b31; // "ASSISTK1"

    // Data Protection's interface is synchronous; it reads the ring at start-up and then about once a day.
    public IReadOnlyCollection<XElement> GetAllElements() =>
        database.QueryAsync("SELECT xml FROM dataprotection_keys ORDER BY id", r => XElement.Parse(r.GetString(0)), CancellationToken.None)
            .GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) =>
        database.ExecuteAsync("INSERT INTO dataprotection_keys (friendly_name, xml) VALUES ($1, $2)", CancellationToken.None,
            friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();

    /// <summary>
    /// Instances starting together on an empty database would each create a first key and, until their rings refresh,
    /// fail to read each other's payloads. Creating it under an advisory lock gives them one key to share. Later keys
    /// are created days before they take effect, so every instance has loaded them by then.
    /// </summary>
    public async Task EnsureFirstKeyAsync(IKeyManager keys, KeyManagementOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        await database.WithConnectionAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var wait = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_xact_lock({FirstKeyLock})", connection, transaction))
            {
                await wait.ExecuteNonQueryAsync(cancellationToken);
            }

            var now = clock.GetUtcNow();
            if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
            {
                keys.CreateNewKey(now, now + options.NewKeyLifetime);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <summary>Puts the ring in the database when the provider is PostgreSQL; runs after the console's data-directory default.</summary>
    public sealed class Selector(IOptions<StorageOptions> storage, IServiceProvider services) : IPostConfigureOptions<KeyManagementOptions>
    {
        public void PostConfigure(string? name, KeyManagementOptions options)
        {
            if (storage.Value.IsPostgres)
            {
                options.XmlRepository = services.GetRequiredService<PostgresKeyRepository>();
            }
        }
    }
}
