using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>
/// A real SMTP server process that keeps what it receives: smtp4dev (the .NET tool test.sh installs into
/// <c>.tools/smtp4dev</c>), on loopback ports of its own, messages in memory. Its HTTP API lists the mails.
/// </summary>
public sealed class SmtpCapture : IAsyncDisposable
{
    private readonly ManagedProcess process;
    private readonly HttpClient http;
    private readonly string home;

    private SmtpCapture(ManagedProcess process, int smtpPort, int httpPort, string home)
    {
        this.process = process;
        this.home = home;
        SmtpPort = smtpPort;
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
    }

    public int SmtpPort { get; }

    public static string Tool => Environment.GetEnvironmentVariable("ACTORWELFARE_SMTP4DEV") is { Length: > 0 } path ? path
        : Path.Combine(RepoPaths.Root, ".tools", "smtp4dev", "smtp4dev");

    public static async Task<SmtpCapture> StartAsync()
    {
        if (!File.Exists(Tool)) throw new InvalidOperationException($"smtp4dev is not at {Tool}: ./test.sh installs it (dotnet tool install Rnwood.Smtp4dev).");
        int smtp = FreePort.Next(), web = FreePort.Next();
        // Its own HOME: ASP.NET keeps a key file there, which must not land in the user's.
        var home = Directory.CreateTempSubdirectory("aw-smtp4dev-").FullName;
        var process = ManagedProcess.StartCommand($"smtp4dev:{smtp}", Tool,
            [$"--urls=http://127.0.0.1:{web}", $"--smtpport={smtp}", "--bindaddress=127.0.0.1", "--disableipv6", "--imapport=", "--pop3port=",
             "--db=", "--nousersettings", "--locksettings", "--hostname=localhost", "--tlsmode=None", $"--baseappdatapath={home}"],
            home, new Dictionary<string, string> { ["HOME"] = home });
        var capture = new SmtpCapture(process, smtp, web, home);
        // Ready when the SMTP port takes connections (its HTTP side can be up while SMTP failed to bind).
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException($"smtp4dev exited.\n{process.Output()}");
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync("127.0.0.1", smtp);
                    using var ok = await capture.http.GetAsync("/api/messages?pageSize=1");
                    return ok.IsSuccessStatusCode;
                }
                catch (Exception e) when (e is SocketException or HttpRequestException or TaskCanceledException) { return false; }
            }, () => $"smtp4dev taking mail on port {smtp}\n{process.Output()}", TimeSpan.FromSeconds(60));
            return capture;
        }
        catch
        {
            await capture.DisposeAsync();
            throw;
        }
    }

    /// <summary>The mails received so far, newest first: to (envelope), subject, plain-text body.</summary>
    public async Task<IReadOnlyList<(string[] To, string Subject, string Body)>> MessagesAsync()
    {
        var list = await http.GetFromJsonAsync<JsonElement>("/api/messages?pageSize=100");
        var result = new List<(string[], string, string)>();
        foreach (var m in list.GetProperty("results").EnumerateArray())
        {
            var body = await http.GetStringAsync($"/api/messages/{m.GetProperty("id").GetString()}/plaintext");
            result.Add(([.. m.GetProperty("to").EnumerateArray().Select(t => t.GetString()!)], m.GetProperty("subject").GetString()!, body));
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await process.DisposeAsync();
        try { Directory.Delete(home, recursive: true); } catch (IOException) { }
    }
}
