using System.Globalization;
using System.Text;
using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Dashboard.Access;
using ActorWelfare.Dashboard.Cluster;
using ActorWelfare.Keys;
using ActorWelfare.Organisations;
using Microsoft.AspNetCore.Components.Authorization;

namespace ActorWelfare.Dashboard.Components.Staff;

/// <summary>
/// What the staff pages do on behalf of the signed-in person. Every change goes to the activity grain,
/// which checks the caller handed down for this circuit; the pages only hide what would be refused.
/// </summary>
public sealed class StaffSession(AuthenticationStateProvider authentication, ClusterConnection cluster, SessionValidity sessions)
{
    private IClusterClient Client => cluster.Client ?? throw new InvalidOperationException(
        Localization.Texts.T("Il servizio si sta collegando al cluster: riprova tra poco.", "The service is connecting to the cluster: retry shortly."));

    /// <summary>The person as the grains see them; anonymous from the moment their rights change (they sign in again).</summary>
    public async Task<Caller> CallerAsync() => await sessions.CallerAsync((await authentication.GetAuthenticationStateAsync()).User);

    /// <summary>Whether the person may change an activity in these quartieri (the grain decides; this only hides controls).</summary>
    public static bool MayWrite(Caller caller, string city, IEnumerable<string> quartieri) =>
        caller.MayWrite(quartieri.Select(q => $"{city}/{q}")) && quartieri.Any();

    /// <summary>The same for an activity as it is: one of the whole city needs the whole-city assignment too.</summary>
    public static bool MayWrite(Caller caller, string city, ActivityProfile profile) => profile.CityWide
        ? caller.MayWrite(profile.Quartieri.Select(q => $"{city}/{q}").Append(ActivityRecord.WholeCityKey(city)))
        : MayWrite(caller, city, profile.Quartieri);

    public async Task<CommandResult> ExecuteAsync(string city, ActivityKind kind, string id, ActivityCommand command, long expectedVersion)
    {
        var caller = await CallerAsync();
        CallerContext.HandDown(caller);
        return await Client.Activity(city, kind, id).Execute(command, expectedVersion);
    }

    public async Task<ActivityRecord?> GetAsync(string city, ActivityKind kind, string id)
    {
        CallerContext.HandDown(await CallerAsync());
        var record = await Client.Activity(city, kind, id).Get();
        return record.Exists ? record : null;
    }

    /// <summary>Which of these years are closed in the city (their records no longer change).</summary>
    public async Task<IReadOnlySet<int>> ClosedYearsAsync(string city, IEnumerable<int> years)
    {
        var asked = years.Distinct().ToList();
        var closed = await Task.WhenAll(asked.Select(y => Client.GetGrain<Years.IYearGrain>(GrainKeys.CityYear(city, y)).IsClosed()));
        return asked.Where((_, i) => closed[i]).ToHashSet();
    }

    public Task<IReadOnlyList<Organisation>> OrganisationsAsync(string city) => Client.GetGrain<IOrganisationRegistryGrain>(city).List();

    public async Task<OrganisationResult> RegisterOrganisationAsync(string city, Organisation organisation)
    {
        var caller = await CallerAsync();
        CallerContext.HandDown(caller);
        return await Client.GetGrain<IOrganisationRegistryGrain>(city).Register(organisation);
    }

    public async Task<OrganisationProfile?> OrganisationProfileAsync(string city, string id, int currentYear)
    {
        CallerContext.HandDown(await CallerAsync());
        return await Client.GetGrain<IOrganisationRegistryGrain>(city).Profile(id, currentYear);
    }

    public async Task<OrganisationResult> MergeOrganisationAsync(string city, string id, string into)
    {
        CallerContext.HandDown(await CallerAsync());
        return await Client.GetGrain<IOrganisationRegistryGrain>(city).Merge(id, into, city);
    }

    public async Task<(Imports.IImportGrain Grain, Imports.ImportStatus Status)> StartImportAsync(string city, byte[] content, Imports.ImportFormat format, string fileName)
    {
        CallerContext.HandDown(await CallerAsync());
        return await Imports.ImportExtensions.StartImportAsync(Client, city, content, format, fileName);
    }

    /// <summary>The city's alerts, read under the person's role.</summary>
    public async Task<ActorWelfare.Alerts.AlertList> AlertsAsync(string city)
    {
        CallerContext.HandDown(await CallerAsync());
        return await Client.GetGrain<ActorWelfare.Alerts.IAlertsGrain>(city).List();
    }

    /// <summary>Acknowledges or snoozes an alert (the grain lets only the activity's district operatori).</summary>
    public async Task<ActorWelfare.Alerts.AlertResult> RespondToAlertAsync(string city, string alertId, string answer, DateOnly? until)
    {
        CallerContext.HandDown(await CallerAsync());
        return await Client.GetGrain<ActorWelfare.Alerts.IAlertsGrain>(city).Respond(alertId, answer, until);
    }

    /// <summary>Which activities of the year lack which field, read under the person's role.</summary>
    public async Task<Years.YearCompleteness> CompletenessAsync(string city, int year)
    {
        CallerContext.HandDown(await CallerAsync());
        return await Client.GetGrain<Years.IYearGrain>(GrainKeys.CityYear(city, year)).GetCompleteness();
    }

    /// <summary>Marks a district ready for closing, or not ready (its operatori; the grain decides).</summary>
    public async Task<Years.YearResult> MarkReadyAsync(string city, int year, string quartiere, bool ready)
    {
        CallerContext.HandDown(await CallerAsync());
        return await Client.GetGrain<Years.IYearGrain>(GrainKeys.CityYear(city, year)).MarkReady(quartiere, ready);
    }

    /// <summary>The person's subscriptions in the city and the address their mail goes to.</summary>
    public async Task<ActorWelfare.Notifications.MySubscriptions> SubscriptionsAsync(string city)
    {
        CallerContext.HandDown(await CallerAsync());
        return await Client.GetGrain<ActorWelfare.Notifications.INotificationsGrain>(city).Mine();
    }

    /// <summary>The person's inbox in the city, newest first.</summary>
    public async Task<IReadOnlyList<ActorWelfare.Notifications.InboxMessage>> InboxAsync(string city)
    {
        var caller = await CallerAsync();
        CallerContext.HandDown(caller);
        return await Client.GetGrain<ActorWelfare.Notifications.IInboxGrain>(GrainKeys.Inbox(city, caller.UserId)).Read();
    }

    public async Task<ActorWelfare.Notifications.NotificationResult> SubscribeAsync(string city, string topic, string scope, string language)
    {
        CallerContext.HandDown(await CallerAsync());
        return await Client.GetGrain<ActorWelfare.Notifications.INotificationsGrain>(city).Subscribe(topic, scope, language);
    }

    public async Task<ActorWelfare.Notifications.NotificationResult> UnsubscribeAsync(string city, string topic, string scope)
    {
        CallerContext.HandDown(await CallerAsync());
        return await Client.GetGrain<ActorWelfare.Notifications.INotificationsGrain>(city).Unsubscribe(topic, scope);
    }

    /// <summary>A free id made from the name ("Tavolo Bolognina" → "tavolo-bolognina", then "-2", "-3" …).</summary>
    public async Task<string> FreeIdAsync(string city, ActivityKind kind, string name)
    {
        var stem = Slug(name);
        CallerContext.HandDown(await CallerAsync());
        for (var n = 1; ; n++)
        {
            var id = n == 1 ? stem : $"{stem}-{n}";
            if (!(await Client.Activity(city, kind, id).Get()).Exists) return id;
        }
    }

    public static string Slug(string text)
    {
        var plain = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            plain.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        var slug = string.Join('-', plain.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        if (slug.Length > 60) slug = slug[..60].TrimEnd('-');
        return slug.Length == 0 ? "attivita" : char.IsAsciiLetter(slug[0]) ? slug : "a-" + slug;
    }
}
