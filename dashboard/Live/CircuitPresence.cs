using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ActorWelfare.Dashboard.Live;

/// <summary>
/// Whether this circuit's browser is connected. Live components stop watching while it is not, so a
/// browser that went away holds no subscription while Blazor keeps its circuit for a possible return.
/// </summary>
public sealed class CircuitPresence
{
    public bool Connected { get; private set; } = true;

    /// <summary>Raised with the new state when the browser disconnects or reconnects.</summary>
    public event Func<bool, Task>? Changed;

    internal async Task SetAsync(bool connected)
    {
        if (Connected == connected) return;
        Connected = connected;
        if (Changed is { } handlers)
            foreach (var handler in handlers.GetInvocationList().Cast<Func<bool, Task>>()) await handler(connected);
    }
}

/// <summary>Tells the circuit's <see cref="CircuitPresence"/> when its connection goes down and up.</summary>
public sealed class CircuitPresenceHandler(CircuitPresence presence) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => presence.SetAsync(false);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => presence.SetAsync(true);
}
