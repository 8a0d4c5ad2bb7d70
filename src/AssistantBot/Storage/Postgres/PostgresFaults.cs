using AssistantBot.BotFramework.Storage;
using Npgsql;

namespace AssistantBot.Storage.Postgres;

/// <summary>Which PostgreSQL failures mean "the database is not there right now", as opposed to a bad statement or a constraint.</summary>
public static class PostgresFaults
{
    public static bool IsOutage(Exception exception) => exception switch
    {
        PostgresException server => IsOutageState(server.SqlState),
        // Raised by the client itself: connection refused, a socket broken mid-statement, a timeout, an exhausted pool.
        NpgsqlException => true,
        _ => false,
    };

    /// <summary>
    /// Connection exceptions (08), insufficient resources such as too many connections (53), operator intervention
    /// (57: shut down, crashed, starting up, statement timeout) and system errors such as I/O (58). Everything else,
    /// constraint violations (23) in particular, is the statement's own fault and stays a <see cref="PostgresException"/>.
    /// </summary>
    public static bool IsOutageState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState.StartsWith("57", StringComparison.Ordinal)
        || sqlState.StartsWith("58", StringComparison.Ordinal);

    public static StorageUnavailableException Unavailable(Exception exception) =>
        new($"The PostgreSQL database is unavailable ({(exception as PostgresException)?.SqlState ?? exception.GetType().Name}).", exception);
}
