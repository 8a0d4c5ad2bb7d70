using AssistantBot.BotFramework.Storage;
using AssistantBot.DirectLine;
using AssistantBot.Staff;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace AssistantBot.Storage.Postgres;

/// <summary>
/// At start-up on PostgreSQL: applies the schema, makes sure the shared Data Protection ring has its first key, and
/// starts listening to the other instances. A database that is down at start-up is not fatal: the stores migrate on
/// first use and answer "please try again" until then. A refused login or a broken schema step is fatal.
/// </summary>
public sealed class PostgresStartup(IOptions<StorageOptions> options, IServiceProvider services, TimeProvider clock, ILogger<PostgresStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsPostgres)
        {
            return;
        }

        try
        {
            await services.GetRequiredService<PostgresDatabase>().EnsureSchemaAsync(cancellationToken);
            if (services.GetService<IKeyManager>() is { } keys)
            {
                await services.GetRequiredService<PostgresKeyRepository>().EnsureFirstKeyAsync(
                    keys, services.GetRequiredService<IOptions<KeyManagementOptions>>().Value, clock, cancellationToken);
            }
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning("PostgreSQL is not reachable at start-up ({Reason}); the schema is applied when it is", ex.Message);
        }

        // Resolving the relays registers their channels with the listener, which starts it.
        services.GetRequiredService<IDirectLineNotifier>();
        services.GetRequiredService<IStaffEvents>();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
