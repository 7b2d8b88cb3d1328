namespace ActorWelfare.Tests.Infrastructure;

/// <summary>A <see cref="LiveStack"/> for a test class, with the given datasets loaded.</summary>
public abstract class StackFixture(string? datasets) : Xunit.IAsyncLifetime
{
    public LiveStack Stack { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Stack = await StartStackAsync();

    /// <summary>How the stack starts: with the datasets given (a fixture may start it otherwise).</summary>
    protected virtual Task<LiveStack> StartStackAsync() => LiveStack.StartAsync(datasets);

    public virtual async Task DisposeAsync()
    {
        if (Stack is not null) await Stack.DisposeAsync();
    }
}

/// <summary>A <see cref="LiveStack"/> and a headless Chromium for a test class.</summary>
public abstract class BrowserStackFixture(string? datasets) : StackFixture(datasets)
{
    public Browser Browser { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        try
        {
            Browser = await Browser.LaunchAsync();
        }
        catch
        {
            // xUnit does not dispose a fixture whose start failed: stop the processes here, or they outlive the run.
            await base.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new page signed in as <paramref name="email"/> (the demo password), at <paramref name="path"/>, once it is live.</summary>
    public async Task<Microsoft.Playwright.IPage> SignedInAtAsync(string email, string path)
    {
        var page = await Browser.OpenAsync(Stack.Url("/accesso"));
        await Browser.SignInAsync(page, Stack.Dashboard.BaseUrl, email);
        await page.GotoAsync(Stack.Url(path));
        await Browser.WaitInteractiveAsync(page);
        return page;
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        await base.DisposeAsync();
    }
}
