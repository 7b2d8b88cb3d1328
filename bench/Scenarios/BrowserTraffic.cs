using Microsoft.Playwright;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>The Chromium the browser scenarios drive (apt's, as the tests use), launched the same way for each.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath)) throw new InvalidOperationException($"{ExecutablePath} is missing: apt-get install chromium.");
        return playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage",
                    // The browser's own address-bar popup is a web page of its own since Chromium 15x, made (and its
                    // scripts compiled) in another renderer for every new tab: on two cores that took one from the
                    // page being measured. A headless browser has no address bar to show it in.
                    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI"],
        });
    }
}

/// <summary>When something was on screen, measured in the page.</summary>
public static class FramePaint
{
    /// <summary>
    /// A script whose value is when the frame that began at <c>window.__aw[<paramref name="mark"/>]</c> (a
    /// requestAnimationFrame callback's time) ended: the end of that long animation frame if it was one (the browser
    /// reports every frame over 50 ms), else 50 ms after it began; -1 if there was no such frame.
    /// </summary>
    public static string EndOf(string mark) => $$"""
        (() => {
          const at = window.__aw.{{mark}};
          if (at === undefined) return -1;
          const frame = performance.getEntriesByType('long-animation-frame').find(f => f.startTime <= at && at <= f.startTime + f.duration);
          return frame ? frame.startTime + frame.duration : at + 50;
        })()
        """;
}

/// <summary>
/// The bytes one page receives, counted by the browser's debugging protocol: HTTP responses as encoded on the wire,
/// and the frames of its WebSockets (Blazor's circuit).
/// </summary>
public sealed class BrowserTraffic
{
    private long http, webSocket;
    private int requests;

    public long HttpBytes => Interlocked.Read(ref http);
    public long WebSocketBytes => Interlocked.Read(ref webSocket);
    public int Requests => Volatile.Read(ref requests);

    public static async Task<BrowserTraffic> AttachAsync(IBrowserContext context, IPage page)
    {
        var traffic = new BrowserTraffic();
        var cdp = await context.NewCDPSessionAsync(page);
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is not { } finished) return;
            Interlocked.Add(ref traffic.http, (long)finished.GetProperty("encodedDataLength").GetDouble());
            Interlocked.Increment(ref traffic.requests);
        };
        cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) =>
        {
            if (e is not { } frame) return;
            var response = frame.GetProperty("response");
            var payload = response.GetProperty("payloadData").GetString() ?? "";
            // Binary frames (Blazor's MessagePack) come as base64.
            Interlocked.Add(ref traffic.webSocket, response.GetProperty("opcode").GetInt32() == 2 ? payload.Length * 3 / 4 : System.Text.Encoding.UTF8.GetByteCount(payload));
        };
        await cdp.SendAsync("Network.enable");
        return traffic;
    }
}
