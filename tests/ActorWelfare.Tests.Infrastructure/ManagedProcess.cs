using System.Globalization;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>
/// One of our apps running as a real process (<c>dotnet App.dll</c>), with its output kept for
/// failure messages. Dispose kills it if it is still running.
/// </summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentDictionary<string, string> found = new(StringComparer.Ordinal);
    private readonly StreamWriter? log;
    private bool logClosed;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private ManagedProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
        log = OpenLog(name);
    }

    /// <summary>
    /// When ACTORWELFARE_TEST_LOGS names a folder (test.sh sets it), every line the process prints is also
    /// written there, so a failure that shows only in the browser can be read against the server's log.
    /// </summary>
    private static StreamWriter? OpenLog(string name)
    {
        if (Environment.GetEnvironmentVariable("ACTORWELFARE_TEST_LOGS") is not { Length: > 0 } folder) return null;
        Directory.CreateDirectory(folder);
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
        var file = Path.Combine(folder, $"{DateTime.UtcNow:HHmmss}-{safe}-{Guid.NewGuid():N}"[..40] + ".log");
        return new StreamWriter(file) { AutoFlush = true };
    }

    public string Name { get; }
    public int Id => process.Id;
    public bool HasExited => process.HasExited;

    /// <summary>Runs one of our built apps: <c>dotnet App.dll</c> in the app's folder, in Production.</summary>
    public static ManagedProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment)
    {
        var env = new Dictionary<string, string>(environment)
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        return StartCommand(name, "dotnet", [dll], Path.GetDirectoryName(dll)!, env);
    }

    public static ManagedProcess StartCommand(string name, string fileName, IEnumerable<string> arguments,
        string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(name, process);
        process.OutputDataReceived += (_, e) => managed.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => managed.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return managed;
    }

    /// <summary>Waits until GET <paramref name="url"/> answers 200; fails early if the process exits.</summary>
    public Task WaitUntilHealthyAsync(string url, TimeSpan? timeout = null) => Eventually.TrueAsync(async () =>
    {
        if (process.HasExited) throw new InvalidOperationException($"{Name} exited with code {process.ExitCode}.\n{Output()}");
        try
        {
            using var response = await Http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
    }, () => $"{Name} answering 200 at {url}\n{Output()}", timeout ?? TimeSpan.FromSeconds(90));

    /// <summary>
    /// Waits until the process prints a line containing <paramref name="text"/>; returns that line. A line once
    /// found is remembered: the output kept is bounded, and a busy process (a silo killed under load) may push
    /// an early line such as "Demo accounts ready" out of it before a second wait for it.
    /// </summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan timeout)
    {
        string? line = null;
        await Eventually.TrueAsync(() =>
        {
            if (found.TryGetValue(text, out line)) return Task.FromResult(true);
            // Whether it had exited, asked before the output is read: a process that prints the line and exits is found.
            var exited = process.HasExited;
            if (output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } printed) return Task.FromResult((line = found[text] = printed) is not null);
            if (exited)
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before printing '{text}'.\n{Output()}");
            return Task.FromResult(false);
        }, () => $"{Name} printing '{text}'\n{Output()}", timeout);
        return line!;
    }

    /// <summary>Sends a signal by name (INT for Ctrl-C, TERM, KILL).</summary>
    public async Task SignalAsync(string signal)
    {
        if (process.HasExited) return;
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>kill -9: no shutdown, no goodbye to the cluster.</summary>
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Ctrl-C or a container stop would send, then wait for a clean exit.</summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        await SignalAsync("TERM");
        return await WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    public string Output(int lastLines = 80) => string.Join('\n', output.TakeLast(lastLines));

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        if (log is not null) lock (log) if (!logClosed) log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        while (output.Count > 2000) output.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        if (log is not null) lock (log) { logClosed = true; log.Dispose(); }
    }
}
