using AssistantBot.BotFramework.Storage;
using AssistantBot.DirectLine;
using AssistantBot.Handoff;
using AssistantBot.Knowledge.Feedback;
using AssistantBot.Knowledge.Feedback.Sqlite;
using AssistantBot.Staff;
using AssistantBot.Storage.Postgres;
using AssistantBot.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AssistantBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The stores, chosen by <c>Storage:Provider</c>: SQLite in the data directory (the embedded default) or a shared
    /// PostgreSQL database for several instances, which also relays Direct Line and console signals between them.
    /// Both backends are registered; only the chosen one is ever created.
    /// </summary>
    public static IServiceCollection AddAssistantStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new DataPaths(
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSqliteStores();
        services.AddPostgresStores();

        services.AddChosen<IStorage, SqliteStorage, PostgresStorage>();
        services.AddChosen<IDirectLineStore, SqliteDirectLineStore, PostgresDirectLineStore>();
        services.AddChosen<IHandoffStore, SqliteHandoffStore, PostgresHandoffStore>();
        services.AddChosen<IWebhookOutbox, SqliteHandoffStore, PostgresHandoffStore>();
        services.AddChosen<IStaffStore, SqliteStaffStore, PostgresStaffStore>();
        services.AddChosen<IAuditLog, SqliteStaffStore, PostgresStaffStore>();
        services.AddChosen<IKnowledgeFeedbackStore, SqliteKnowledgeFeedbackStore, PostgresKnowledgeFeedbackStore>();

        // In one process the signals stay in memory; the Direct Line and console registrations defer to these.
        services.TryAddSingleton<InProcessNotifier>();
        services.TryAddSingleton<InProcessStaffEvents>();
        services.AddChosen<IDirectLineNotifier, InProcessNotifier, PostgresDirectLineNotifier>();
        services.AddChosen<IStaffEvents, InProcessStaffEvents, PostgresStaffEvents>();
        return services;
    }

    private static IServiceCollection AddSqliteStores(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<DataPaths>().File("assistantbot.db")));
        services.AddSingleton<SqliteStorage>();
        services.AddSingleton<SqliteDirectLineStore>();
        services.AddSingleton<SqliteHandoffStore>();
        services.AddSingleton<SqliteStaffStore>();
        services.AddSingleton<SqliteKnowledgeFeedbackStore>();
        return services;
    }

    private static void AddChosen<TService, TSqlite, TPostgres>(this IServiceCollection services)
        where TService : class
        where TSqlite : class, TService
        where TPostgres : class, TService =>
        services.AddSingleton<TService>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.IsPostgres
            ? sp.GetRequiredService<TPostgres>()
            : sp.GetRequiredService<TSqlite>());
}
