using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ActorWelfare.Tests.Access;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Security;

/// <summary>
/// Many writers on the same activity at once, through the API: each update either succeeds or gets a
/// conflict (never both, never an error), and every acknowledged update is in the stored record and its audit.
/// </summary>
public sealed class SameActivityWritersTests(AccessStackFixture fixture) : IClassFixture<AccessStackFixture>
{
    [Fact]
    public async Task Concurrent_writers_each_succeed_or_get_a_conflict_and_no_acknowledged_meeting_is_lost()
    {
        var stack = fixture.Stack;
        var id = "concorrenza-" + Guid.NewGuid().ToString("N")[..8];
        var registered = await stack.CommandAsync("bologna", "tavolo", id, 0, LiveStack.Tavolo("navile", 2019));
        var http = await stack.IntegrationAsync();
        var path = $"/api/v1/cities/bologna/activities/tavolo/{id}";

        const int writers = 16, attemptsEach = 8;
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<long>();
        var conflicts = 0;
        var start = new TaskCompletionSource();
        var work = Enumerable.Range(0, writers).Select(async _ =>
        {
            await start.Task;
            for (var attempt = 0; attempt < attemptsEach; attempt++)
            {
                // Each writer reads the version, then races the others to write on it.
                var version = JsonDocument.Parse(await http.GetStringAsync(path)).RootElement.GetProperty("version").GetInt64();
                using var response = await http.PostAsJsonAsync(path + "/commands", new { expectedVersion = version, command = new { type = "recordMeeting", year = 2019 } });
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        Assert.Equal(version + 1, body.GetProperty("record").GetProperty("version").GetInt64());
                        acknowledged.Add(version + 1);
                        break;
                    case HttpStatusCode.Conflict:
                        Interlocked.Increment(ref conflicts);
                        break;
                    default:
                        Assert.Fail($"Neither success nor conflict: {response.StatusCode} {body}");
                        break;
                }
            }
        }).ToList();
        start.SetResult();
        await Task.WhenAll(work);

        Assert.Equal(writers * attemptsEach, acknowledged.Count + conflicts);
        Assert.True(conflicts > 0, "the writers never raced");
        // Every acknowledged version is distinct: no two writers were both told they wrote the same version.
        Assert.Equal(acknowledged.Count, acknowledged.Distinct().Count());

        var stored = JsonDocument.Parse(await http.GetStringAsync(path)).RootElement;
        Assert.Equal(registered + acknowledged.Count, stored.GetProperty("version").GetInt64());
        var meetings = stored.GetProperty("years").GetProperty("2019").GetProperty("meetings").GetInt32();
        Assert.Equal(acknowledged.Count, meetings);
        var history = JsonDocument.Parse(await http.GetStringAsync(path + "/history")).RootElement;
        Assert.Equal(acknowledged.Order().ToList(),
            history.EnumerateArray().Select(e => e.GetProperty("version").GetInt64()).Where(v => v > registered).Order().ToList());
    }
}
