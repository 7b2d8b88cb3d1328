using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorWelfare.Dashboard.Components.Charts;

/// <summary>
/// What a chart draws, as the JSON that <c>wwwroot/charts.js</c> hands to plotly.js (<c>{data, layout, config}</c>).
/// It travels in the chart element's <c>data-plot</c> attribute, so the figures are in the page's HTML.
/// </summary>
public static class PlotSpec
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    // No plotly logo, no mode bar; the chart follows its container's width.
    private static readonly object Config = new { responsive = true, displaylogo = false, displayModeBar = false };

    public const string FontFamily = "Titillium Web, sans-serif";
    public const int FontSize = 14;

    public static readonly object Font = new { family = FontFamily, size = FontSize };

    public static string Of(IEnumerable<object> data, object layout) => JsonSerializer.Serialize(new { data, layout, config = Config }, Json);
}
