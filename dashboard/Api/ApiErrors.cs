namespace ActorWelfare.Dashboard.Api;

/// <summary>Error answers of the API: a problem document that names the field and the rule.</summary>
public static class ApiErrors
{
    public static IResult Problem(int status, string field, string rule, string message) =>
        Results.Problem(statusCode: status, title: message, extensions: new Dictionary<string, object?>
        {
            ["field"] = field,
            ["rule"] = rule,
        });

    public static IResult UnknownCity(string city) =>
        Problem(StatusCodes.Status404NotFound, "city", "configured", $"city: '{city}' is not a configured city.");

    public static IResult BadYear(string year) =>
        Problem(StatusCodes.Status400BadRequest, "year", "year-range", $"year: '{year}' must be a year between 2000 and 2100.");

    public static IResult ClusterUnavailable() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "cluster", "connected", "The service is connecting to the cluster; retry shortly.");
}
