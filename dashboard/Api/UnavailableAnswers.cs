using System.Net.Sockets;
using Npgsql;

namespace ActorWelfare.Dashboard.Api;

/// <summary>
/// When the database or the cluster is down, a program gets 503 with a problem document that says so, not
/// a 500. A read, or a change the database refused, changed nothing and can be sent again (rule
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
        catch (Exception e) when (Access.AccessSetup.IsForPrograms(http.Request) && !http.Response.HasStarted && Unavailable(e) is { } what)
        {
            LogUnavailable(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ActorWelfare.Dashboard.Api"), what, http.Request.Path, e.Message);
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
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
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            // Thrown here (a token check), or in a silo and carried over as a fallback naming the original type.
            // Only the server being unreachable or shutting down: a refused value is a bug, not an outage.
            if (x is PostgresException postgres ? Outage(postgres.SqlState) : x is NpgsqlException or SocketException)
                return "database";
            // From a silo, Npgsql's exceptions arrive as a fallback naming their type, or as the codec's complaint
            // that it cannot carry them (PostgresException): either way the silo could not reach the database.
            if (x is Orleans.Serialization.UnavailableExceptionFallbackException { ExceptionType: { } type } && type.StartsWith("Npgsql.", StringComparison.Ordinal)
                || x is Orleans.Serialization.CodecNotFoundException && x.Message.Contains("Npgsql.", StringComparison.Ordinal))
                return "database";
            if (x is Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException or TimeoutException)
                return "cluster";
        }
        return null;
    }

    /// <summary>Connection exceptions (08), operator intervention such as a shutdown (57P), too many connections (53300).</summary>
    private static bool Outage(string sqlState) => sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("57P", StringComparison.Ordinal) || sqlState == "53300";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} unavailable for {Path}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string what, string path, string reason);
}
