namespace AssistantBot.Storage.Postgres;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>Every store's schema, in the order they are applied.</summary>
    public static readonly IReadOnlyList<SchemaModule> Schema =
    [
        PostgresStorage.Schema,
        PostgresDirectLineStore.Schema,
        PostgresHandoffStore.Schema,
        PostgresStaffStore.Schema,
        PostgresKeyRepository.Schema,
        PostgresKnowledgeFeedbackStore.Schema,
    ];

    /// <summary>The PostgreSQL stores and relays, created only if the provider picks them.</summary>
    public static IServiceCollection AddPostgresStores(this IServiceCollection services)
    {
        services.AddSingleton(sp => new PostgresDatabase(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.PostgresConnectionString!, Schema));
        services.AddSingleton<PostgresStorage>();
        services.AddSingleton<PostgresDirectLineStore>();
        services.AddSingleton<PostgresHandoffStore>();
        services.AddSingleton<PostgresStaffStore>();
        services.AddSingleton<PostgresKnowledgeFeedbackStore>();
        services.AddSingleton<PostgresKeyRepository>();
        services.AddSingleton<PostgresListener>();
        services.AddSingleton<PostgresDirectLineNotifier>();
        services.AddSingleton<PostgresStaffEvents>();
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>, PostgresKeyRepository.Selector>();
        services.AddHostedService<PostgresStartup>();
        return services;
    }
}
