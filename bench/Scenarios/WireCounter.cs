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
                _ = RelayAsync(browser);
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task RelayAsync(TcpClient browser)
    {
        using var _ = browser;
        using var dashboard = new TcpClient();
        try
        {
            await dashboard.ConnectAsync(target.Host, target.Port, stop.Token);
            var toDashboard = browser.GetStream();
            var fromDashboard = dashboard.GetStream();
            // Chromium opens a connection of its own for a WebSocket: its first request asks for the upgrade.
            var first = new byte[16 * 1024];
            var read = await toDashboard.ReadAsync(first, stop.Token);
            if (read == 0) return;
            var isWebSocket = Encoding.ASCII.GetString(first, 0, read).Contains("upgrade: websocket", StringComparison.OrdinalIgnoreCase);
            await fromDashboard.WriteAsync(first.AsMemory(0, read), stop.Token);
            var up = toDashboard.CopyToAsync(fromDashboard, stop.Token);
            var down = CountAsync(fromDashboard, toDashboard, isWebSocket);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
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
        stop.Dispose();
    }
}
