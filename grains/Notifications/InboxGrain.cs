using ActorWelfare.Access;
using Microsoft.Extensions.Logging;

namespace ActorWelfare.Notifications;

[GenerateSerializer, Alias("InboxState")]
public sealed class InboxState
{
    /// <summary>Newest first.</summary>
    [Id(0)] public List<InboxMessage> Messages { get; set; } = [];
}

/// <summary>
/// A person's inbox in a city (key "city/userId"). Its state is the person's own row, so one person's messages never
/// rewrite another's. A message is kept first, then its e-mail is handed to the silo's <see cref="MailOutbox"/>, which
/// answers with <see cref="MailResult"/>: no grain waits on a mail server.
/// </summary>
public sealed partial class InboxGrain(
    [PersistentState("inbox", StorageNames.Notifications)] IPersistentState<InboxState> state,
    MailOutbox outbox, ILogger<InboxGrain> logger) : Grain, IInboxGrain
{
    /// <summary>An inbox keeps this many messages, the newest.</summary>
    public const int Size = 200;

    private string UserId => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().IndexOf('/') + 1)..];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Mails handed over but not answered before a silo went down are handed over again.
        foreach (var m in state.State.Messages.Where(m => m.Mail == MailStatus.Pending)) outbox.Enqueue(this.GetPrimaryKeyString(), m);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<InboxMessage>> Read()
    {
        var caller = CallerContext.Current;
        // Only its person: not the cluster, not an amministratore, not a director.
        if (caller.IsSystem || caller.UserId != UserId) throw new UnauthorizedAccessException("An inbox is read by its person only.");
        return Task.FromResult<IReadOnlyList<InboxMessage>>([.. state.State.Messages]);
    }

    public async Task Deliver(InboxMessage message)
    {
        if (!CallerContext.Current.IsSystem) throw new UnauthorizedAccessException("Messages are written by the cluster's own work only.");
        state.State.Messages.Insert(0, message with { Mail = MailStatus.Pending, Problem = null });
        if (state.State.Messages.Count > Size) state.State.Messages.RemoveRange(Size, state.State.Messages.Count - Size);
        await state.WriteStateAsync();
        outbox.Enqueue(this.GetPrimaryKeyString(), state.State.Messages[0]);
    }

    public async Task MailResult(Guid messageId, string? problem)
    {
        if (!CallerContext.Current.IsSystem) throw new UnauthorizedAccessException("Mail results come from the silo's outbox only.");
        var at = state.State.Messages.FindIndex(m => m.Id == messageId);
        if (at < 0) return; // dropped from a full inbox meanwhile
        state.State.Messages[at] = state.State.Messages[at] with { Mail = problem is null ? MailStatus.Sent : MailStatus.NotSent, Problem = problem };
        await state.WriteStateAsync();
        if (problem is not null && problem != InboxMessage.NoSmtp) LogNotSent(this.GetPrimaryKeyString(), problem);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox {Key}: a mail did not go out ({Problem}); it stays in the inbox")]
    private partial void LogNotSent(string key, string problem);
}
