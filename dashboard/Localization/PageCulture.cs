using System.Globalization;

namespace ActorWelfare.Dashboard.Localization;

/// <summary>
/// The culture a page was opened in. A render caused by a push runs on whatever thread delivered the
/// push (an Orleans observer callback, a timer), whose culture is not the page's: components capture
/// this when they are created and apply it before rendering from such a callback, so an Italian page
/// keeps "14.844" and "02/12/2026" after a live update.
/// </summary>
public readonly record struct PageCulture(CultureInfo Culture, CultureInfo UICulture)
{
    public static PageCulture Current => new(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    /// <summary>Makes this the current culture of the calling flow (and of the work it starts).</summary>
    public void Apply()
    {
        CultureInfo.CurrentCulture = Culture;
        CultureInfo.CurrentUICulture = UICulture;
    }
}
