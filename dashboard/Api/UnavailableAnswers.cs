using ActorWelfare.Database;

namespace ActorWelfare.Dashboard.Api;

/// <summary>
/// When the database or the cluster is down, a program gets 503 with a problem document that says so, not
/// a 500 (an unexpected failure is a 500 problem document with its trace id). A read, or a change the database refused, changed nothing and can be sent again (rule
/// "available"); a change during which the cluster became unreachable may have been stored before the
/// answer was lost (rule "outcome-unknown"): read it back before sending it again.
/// </summary>
public static partial class UnavailableAnswers
{
    public static IApplicationBuilder UseUnavailableAnswers(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (Access.AccessSetup.IsForPrograms(http.Request) && !http.Response.HasStarted
            && !(e is OperationCanceledException && http.RequestAborted.IsCancellationRequested)) // a client that left is no failure
        {
            var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ActorWelfare.Dashboard.Api");
            http.Response.Clear();
            if (Unavailable(e) is not { } what)
            {
                // Not an outage: a bug. The program gets a problem document like every other error, with the trace id to report.
                LogFailed(log, e, http.Request.Method, http.Request.Path);
                await ApiErrors.Problem(StatusCodes.Status500InternalServerError, "server", "unexpected",
                    "server: an unexpected error; nothing is known to have been saved: read the record back, and report the traceId if it persists.").ExecuteAsync(http);
                return;
            }
            LogUnavailable(log, what, http.Request.Path, e.Message);
            http.Response.Headers.RetryAfter = "5";
            // A change the cluster lost track of mid-way (a silo died after it may have stored it) has an unknown
            // outcome: saying "nothing was saved" could be false, so the answer says to read it back first.
            var unknown = what == "cluster" && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
            await (unknown
                ? ApiErrors.Problem(StatusCodes.Status503ServiceUnavailable, what, "outcome-unknown",
                    $"{what}: unavailable while the change was being made; it may or may not have been saved: read it back (its version) before sending it again.")
                : ApiErrors.Problem(StatusCodes.Status503ServiceUnavailable, what, "available",
                    $"{what}: unavailable; nothing was saved, send the request again shortly.")).ExecuteAsync(http);
        }
    });

    /// <summary>"database" or "cluster" when the exception (or one inside it) says that part is unreachable, otherwise null.</summary>
    public static string? Unavailable(Exception e)
    {
        // This process's own use of the database (a token check), or a silo's, told at the grain boundary as a type.
        if (PostgresOutage.In(e)) return "database";
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is ActorWelfare.Cluster.StoreUnavailableException) return "database";
            if (x is Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException or TimeoutException)
                return "cluster";
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure answering {Method} {Path}")]
    private static partial void LogFailed(ILogger logger, Exception error, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} unavailable for {Path}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string what, string path, string reason);
}
