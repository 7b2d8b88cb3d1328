using ActorWelfare.Dashboard.Access;

namespace ActorWelfare.Dashboard.Api;

/// <summary>
/// Every error a program gets is a problem document written by ASP.NET Core's <see cref="IProblemDetailsService"/>:
/// the API's refusals (<see cref="ApiErrors"/>, <see cref="Refusal"/>), the answers routing and authentication give by
/// themselves (401, 403, 404, 405, 415), an outage (<see cref="UnavailableAnswers"/>) and an unexpected failure. Each
/// carries <c>field</c> and <c>rule</c>, the request's path as <c>instance</c> and the trace's id as <c>traceId</c>
/// (its W3C trace context: the trace the logs and the spans of the request hold).
/// </summary>
public static class ProblemAnswers
{
    public static IServiceCollection AddActorWelfareProblems(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // The service adds "traceId" (the W3C trace context of the request) by itself.
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });

    /// <summary>Programs get a problem document naming the rule even where routing or authentication answers by itself.</summary>
    public static IApplicationBuilder UseProblemAnswers(this IApplicationBuilder app) => app.UseStatusCodePages(async context =>
    {
        var http = context.HttpContext;
        if (!AccessSetup.IsForPrograms(http.Request)) return;
        var (field, rule, title) = http.Response.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => ("Content-Type", "media-type", $"Content-Type: '{http.Request.ContentType}' is not accepted here; send application/json."),
            StatusCodes.Status405MethodNotAllowed => ("method", "allowed", $"method: {http.Request.Method} is not allowed on {http.Request.Path}."),
            StatusCodes.Status401Unauthorized => ("Authorization", "required", "Authorization: sign in, or send an API token (Authorization: Bearer awt_…)."),
            StatusCodes.Status403Forbidden => ("role", "allowed", "role: your role does not allow this."),
            StatusCodes.Status404NotFound => ("path", "exists", $"path: nothing is at {http.Request.Path}."),
            _ => default,
        };
        if (field is not null) await ApiErrors.Problem(http.Response.StatusCode, field, rule, title).ExecuteAsync(http);
    });
}
