namespace ActorWelfare.Tests.Infrastructure;

/// <summary>
/// Waits for something that happens on its own time (a push, a reminder, a process): asks again every 100 ms until it
/// holds, or fails after <c>within</c> (30 s by default) saying what did not happen. A check that knows it never will
/// (the process it waits for exited) throws, and the wait ends with that exception at once.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(30);

    public static Task TrueAsync(Func<Task<bool>> holds, string what, TimeSpan? within = null) => TrueAsync(holds, () => what, within);

    /// <summary>The same, with what did not happen described when the wait fails (a process's output by then, say).</summary>
    public static async Task TrueAsync(Func<Task<bool>> holds, Func<string> what, TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? DefaultWithin);
        while (!await holds())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"not so within {(within ?? DefaultWithin).TotalSeconds:0} s: {what()}");
            await Task.Delay(100);
        }
    }

    /// <summary>The first value that is not null.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> read, string what, TimeSpan? within = null) where T : class
    {
        T? value = null;
        await TrueAsync(async () => (value = await read()) is not null, what, within);
        return value!;
    }

    /// <summary>
    /// Reads until <paramref name="done"/> holds or <c>within</c> has passed, and returns the last value read either way:
    /// for a caller whose own assertion says best what was wrong (a verify report's differences, say).
    /// </summary>
    public static async Task<T> LastAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? DefaultWithin);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
            value = await read();
        }
        return value;
    }

    /// <summary>The first value that satisfies <paramref name="done"/>; the last one read is in the failure's message.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        T value = default!;
        try { await TrueAsync(async () => done(value = await read()), what, within); }
        catch (TimeoutException e) { throw new TimeoutException($"{e.Message}; last: {value}", e); }
        return value;
    }
}
