using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>
/// A loopback relay between the browser and the dashboard that counts the bytes the dashboard sends, as they travel
/// on the wire: HTTP responses as encoded (headers included) and WebSocket frames as compressed. The browser's
/// debugging protocol reports a WebSocket's messages only after they are decompressed, and Blazor's circuit
/// negotiates compression (permessage-deflate), so a page's transfer is counted here.
/// </summary>
public sealed class WireCounter : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri target;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, bool> relays = new();
    private long http, webSocket;

    private WireCounter(Uri target)
    {
        this.target = target;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>Relays to the dashboard at <paramref name="dashboardUrl"/> (http://127.0.0.1:port).</summary>
    public static WireCounter Start(string dashboardUrl) => new(new Uri(dashboardUrl));

    /// <summary>The address to browse instead of the dashboard's.</summary>
    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    public (long Http, long WebSocket) Received => (Interlocked.Read(ref http), Interlocked.Read(ref webSocket));

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var browser = await listener.AcceptTcpClientAsync(stop.Token);
                var relay = RelayAsync(browser);
                relays[relay] = true;
                _ = relay.ContinueWith(done => relays.TryRemove(done, out _), TaskScheduler.Default);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { }
    }

    private async Task RelayAsync(TcpClient browser)
    {
        var dashboard = new TcpClient { NoDelay = true }; // as Kestrel's own sockets: small writes go at once
        browser.NoDelay = true;
        var up = Task.CompletedTask;
        var down = Task.CompletedTask;
        try
        {
            await dashboard.ConnectAsync(target.Host, target.Port, stop.Token);
            var toDashboard = browser.GetStream();
            var fromDashboard = dashboard.GetStream();
            // Chromium opens a connection of its own for a WebSocket: its first request's headers ask for the upgrade.
            var (head, length) = await ReadHeadAsync(toDashboard);
            if (length == 0) return;
            var isWebSocket = Encoding.ASCII.GetString(head, 0, length).Contains("upgrade: websocket", StringComparison.OrdinalIgnoreCase);
            await fromDashboard.WriteAsync(head.AsMemory(0, length), stop.Token);
            up = toDashboard.CopyToAsync(fromDashboard, stop.Token);
            down = CountAsync(fromDashboard, toDashboard, isWebSocket);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            // Either side closing ends both; the other direction then ends with the sockets.
            browser.Dispose();
            dashboard.Dispose();
            try { await Task.WhenAll(up, down); }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        }
    }

    /// <summary>Reads until the end of the first request's headers (or 64 kB, or the connection's end).</summary>
    private async Task<(byte[] Head, int Length)> ReadHeadAsync(Stream from)
    {
        var head = new byte[64 * 1024];
        var length = 0;
        while (length < head.Length)
        {
            var read = await from.ReadAsync(head.AsMemory(length), stop.Token);
            if (read == 0) break;
            length += read;
            if (head.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0) break;
        }
        return (head, length);
    }

    private async Task CountAsync(Stream from, Stream to, bool isWebSocket)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, stop.Token)) > 0)
        {
            Interlocked.Add(ref isWebSocket ? ref webSocket : ref http, read);
            await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        await Task.WhenAll(relays.Keys); // each ends quietly once cancelled
        stop.Dispose();
    }
}
