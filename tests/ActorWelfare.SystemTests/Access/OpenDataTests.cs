using System.Net;
using ActorWelfare.Indicators;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit;

namespace ActorWelfare.Tests.Access;

/// <summary>
/// A city that does not publish its indicators as open data: pages, API and hub all want sign-in or a
/// token; one that does serves them to anyone. A second dashboard on the same cluster is configured so.
/// </summary>
public sealed class OpenDataTests(AccessStackFixture fixture) : IClassFixture<AccessStackFixture>
{
    private async Task<DashboardProcess> ClosedDashboardAsync()
    {
        await fixture.Stack.PersonAsync("direttore@actorwelfare.local"); // the demo accounts exist before a second host starts
        var dashboard = DashboardProcess.Start(fixture.Stack.Db.ConnectionString,
            extra: new Dictionary<string, string> { ["Access__OpenData"] = "crema", ["Access__DemoUsers"] = "false" });
        await dashboard.WaitUntilHealthyAsync();
        return dashboard;
    }

    [Fact]
    public async Task Indicators_of_a_city_that_is_not_open_data_need_sign_in_at_every_door()
    {
        await using var dashboard = await ClosedDashboardAsync();
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(dashboard.BaseUrl) };

        // API
        using (var closed = await anonymous.GetAsync("/api/v1/cities/bologna/years/2019/indicators"))
            Assert.Equal(HttpStatusCode.Unauthorized, closed.StatusCode);
        using (var closedQuartiere = await anonymous.GetAsync("/api/v1/cities/bologna/years/2019/quartieri/navile/indicators"))
            Assert.Equal(HttpStatusCode.Unauthorized, closedQuartiere.StatusCode);
        using (var open = await anonymous.GetAsync("/api/v1/cities/crema/years/2019/indicators"))
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        // Pages: the overview sends to the sign-in page; the open city is shown.
        using (var page = await anonymous.GetAsync("/citta/bologna/2019"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Contains("/accesso", page.Headers.Location!.OriginalString);
        }
        using (var openPage = await anonymous.GetAsync("/citta/crema/2019"))
            Assert.Equal(HttpStatusCode.OK, openPage.StatusCode);

        // Hub
        await using var hub = new HubConnectionBuilder().WithUrl(dashboard.BaseUrl + "/hubs/indicators").Build();
        await hub.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<IndicatorDocument>("Subscribe", "bologna", 2019));
        Assert.Contains("Authorization", refused.Message);
        Assert.Equal("crema", (await hub.InvokeAsync<IndicatorDocument>("Subscribe", "crema", 2019)).City);

        // With a token: the API and the hub answer.
        var secret = await LiveStack.IssueTokenAsync(await fixture.Stack.PersonAsync("amministratore@actorwelfare.local"), "lettore open data", "direttore", []);
        using var withToken = new HttpClient { BaseAddress = new Uri(dashboard.BaseUrl) };
        withToken.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        using (var ok = await withToken.GetAsync("/api/v1/cities/bologna/years/2019/indicators"))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await using var tokenHub = new HubConnectionBuilder()
            .WithUrl(dashboard.BaseUrl + "/hubs/indicators", o => o.AccessTokenProvider = () => Task.FromResult<string?>(secret)).Build();
        await tokenHub.StartAsync();
        Assert.Equal("bologna", (await tokenHub.InvokeAsync<IndicatorDocument>("Subscribe", "bologna", 2019)).City);

        // Revoked: the open connection's next call is refused, and the connection is closed within the minute.
        var hubClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tokenHub.Closed += _ => { hubClosed.TrySetResult(); return Task.CompletedTask; };
        var admin = await fixture.Stack.PersonAsync("amministratore@actorwelfare.local");
        var issued = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("/api/v1/admin/tokens")).RootElement.EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "lettore open data");
        using (var revoked = await admin.DeleteAsync($"/api/v1/admin/tokens/{issued.GetProperty("id").GetString()}"))
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var afterRevoking = await Assert.ThrowsAsync<HubException>(() => tokenHub.InvokeAsync<IndicatorDocument>("Subscribe", "crema", 2019));
        Assert.Contains("revoked", afterRevoking.Message);
        await hubClosed.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
