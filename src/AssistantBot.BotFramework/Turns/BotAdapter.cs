using AssistantBot.BotFramework.Authentication;
using AssistantBot.BotFramework.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AssistantBot.BotFramework.Turns;

/// <summary>
/// Runs turns: normalises the inbound activity, calls the bot inside the error boundary, shows a typing indicator
/// when the turn is slow, then delivers the turn's replies to the sink.
/// </summary>
public sealed class BotAdapter(
    IBot bot,
    ITurnErrorHandler errorHandler,
    IEnumerable<IConversationSinkResolver> resolvers,
    IOptions<BotFrameworkOptions> options,
    TimeProvider clock,
    ILogger<BotAdapter> logger)
{
    public async Task<TurnContext> RunTurnAsync(Activity activity, AuthenticationResult caller, IActivitySink sink, CancellationToken cancellationToken)
    {
        TeamsNormalizer.Normalize(activity);
        var turn = new TurnContext(activity, caller);
        await using (StartTypingIndicator(activity, sink, cancellationToken))
        {
            try
            {
                await bot.OnTurnAsync(turn, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                turn.DiscardOutbox();
                await RunErrorBoundaryAsync(turn, ex, cancellationToken);
            }
        }

        await sink.SendAsync(turn.Outbox, cancellationToken);
        return turn;
    }

    /// <summary>Runs a callback in a stored conversation outside any inbound activity (proactive messages).</summary>
    public async Task ContinueConversationAsync(ConversationReference reference, Func<TurnContext, CancellationToken, Task> callback, CancellationToken cancellationToken)
    {
        var sink = ResolveSink(reference);
        // Addressed as if the user had sent it, so replies queued on the turn go from the bot to the user.
        var continuation = new Activity
        {
            Type = ActivityTypes.Event,
            Name = "ContinueConversation",
            ChannelId = reference.ChannelId,
            ServiceUrl = reference.ServiceUrl,
            Conversation = reference.Conversation,
            From = reference.User,
            Recipient = reference.Bot,
            Locale = reference.Locale,
        };
        var turn = new TurnContext(continuation, AuthenticationResult.Anonymous);
        await callback(turn, cancellationToken);
        await sink.SendAsync(turn.Outbox, cancellationToken);
    }

    public IActivitySink ResolveSink(ConversationReference reference)
    {
        foreach (var resolver in resolvers)
        {
            if (resolver.TryResolve(reference) is { } sink)
            {
                return sink;
            }
        }

        throw new InvalidOperationException($"No channel can reach conversations of '{reference.ChannelId}'.");
    }

    private async Task RunErrorBoundaryAsync(TurnContext turn, Exception exception, CancellationToken cancellationToken)
    {
        try
        {
            await errorHandler.OnTurnErrorAsync(turn, exception, cancellationToken);
        }
        catch (Exception secondary) when (!cancellationToken.IsCancellationRequested)
        {
            // The error handler itself failed (its store may be the thing that is down): the user still hears from us.
            logger.LogError(secondary, "Turn error handler failed ({ExceptionType})", secondary.GetType().Name);
            if (turn.Outbox.Count == 0)
            {
                turn.SendText("Sorry, something went wrong on my side. Please try again in a moment.");
            }
        }
    }

    private TypingIndicator? StartTypingIndicator(Activity activity, IActivitySink sink, CancellationToken cancellationToken) =>
        sink.SupportsTyping && activity.IsType(ActivityTypes.Message)
            ? new TypingIndicator(activity, sink, options.Value, clock, logger, cancellationToken)
            : null;

    /// <summary>Sends a typing activity once the turn has run for the configured delay, then at the configured interval.</summary>
    private sealed class TypingIndicator : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop;
        private readonly Task _loop;

        public TypingIndicator(Activity inbound, IActivitySink sink, BotFrameworkOptions settings, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _loop = RunAsync(inbound, sink, settings, clock, logger, _stop.Token);
        }

        private static async Task RunAsync(Activity inbound, IActivitySink sink, BotFrameworkOptions settings, TimeProvider clock, ILogger logger, CancellationToken stop)
        {
            try
            {
                await Task.Delay(settings.TypingDelay, clock, stop);
                while (!stop.IsCancellationRequested)
                {
                    var typing = inbound.CreateReply();
                    typing.Type = ActivityTypes.Typing;
                    typing.ReplyToId = null;
                    await sink.SendAsync([typing], stop);
                    await Task.Delay(settings.TypingInterval, clock, stop);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                logger.LogWarning("Typing indicator failed: {ExceptionType}", ex.GetType().Name);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
