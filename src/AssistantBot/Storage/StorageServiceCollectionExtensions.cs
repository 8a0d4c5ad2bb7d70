using AssistantBot.BotFramework.Storage;
using AssistantBot.DirectLine;
using AssistantBot.Handoff;
using AssistantBot.Staff;
using AssistantBot.Storage.Sqlite;

namespace AssistantBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The stores, chosen by <c>Storage:Provider</c>; SQLite in the data directory is the embedded default.</summary>
    public static IServiceCollection AddAssistantStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new DataPaths(
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<DataPaths>().File("assistantbot.db")));
        services.AddSingleton<IStorage, SqliteStorage>();
        services.AddSingleton<IDirectLineStore, SqliteDirectLineStore>();
        services.AddSingleton<SqliteHandoffStore>();
        services.AddSingleton<IHandoffStore>(sp => sp.GetRequiredService<SqliteHandoffStore>());
        services.AddSingleton<IWebhookOutbox>(sp => sp.GetRequiredService<SqliteHandoffStore>());
        services.AddSingleton<SqliteStaffStore>();
        services.AddSingleton<IStaffStore>(sp => sp.GetRequiredService<SqliteStaffStore>());
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteStaffStore>());
        return services;
    }
}
