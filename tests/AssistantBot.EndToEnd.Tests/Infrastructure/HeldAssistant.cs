using AssistantBot.Assistant;
using AssistantBot.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AssistantBot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An assistant that greets at once but answers a message only when the test lets it, so the test sees what the page
/// shows while the bot works (its typing indicator) without depending on how long anything takes.
/// </summary>
public sealed class HeldAssistant : IAssistant
{
    public const string Answer = "Here is the answer you waited for.";

    private readonly TaskCompletionSource _release = NewGate();

    public Task GreetAsync(AssistantTurn turn, CancellationToken cancellationToken)
    {
        turn.Reply("Hello. This assistant is " + "for education only, not a substitute for your care team.");
        return Task.CompletedTask;
    }

    public async Task OnMessageAsync(AssistantTurn turn, CancellationToken cancellationToken)
    {
        await _release.Task.WaitAsync(cancellationToken);
        turn.Reply(Answer);
    }

    /// <summary>Lets the message being held (and any later one) be answered.</summary>
    public void Release() => _release.TrySetResult();

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The assistant on a real port with <see cref="HeldAssistant"/> in place of the real one.</summary>
public sealed class HeldAssistantServer : KestrelAssistant
{
    public HeldAssistantServer()
        : base(factory => factory.WithServices(services => services.Replace(ServiceDescriptor.Singleton<IAssistant, HeldAssistant>())))
    {
    }

    public HeldAssistant Assistant => Services.GetRequiredService<IAssistant>() as HeldAssistant
        ?? throw new InvalidOperationException("The held assistant is not the one registered.");
}
