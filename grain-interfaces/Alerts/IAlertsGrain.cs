using ActorWelfare.Activities;

namespace ActorWelfare.Alerts;

/// <summary>
/// A city's alerts (key: the city id). Each accepted change of an activity is evaluated at once; a durable
/// reminder evaluates the whole city every day (the days without a meeting grow with no change at all).
/// </summary>
[Alias("IAlertsGrain")]
public interface IAlertsGrain : IGrainWithStringKey
{
    /// <summary>An activity as it is now (the cluster's own work: the activity grain after a stored change, beside its contributions).</summary>
    [Alias("Changed")]
    Task Changed(ActivityRecord record);

    /// <summary>The alerts of today (for people with a role in the city); a new day is evaluated first.</summary>
    [Alias("List")]
    Task<AlertList> List();

    /// <summary>Acknowledges ("ack") or snoozes ("snooze", until a later day) an alert: an operatore of one of its districts.</summary>
    [Alias("Respond")]
    Task<AlertResult> Respond(string alertId, string answer, DateOnly? until);

    /// <summary>Applies the rules to the whole city now (the reminder's work; an amministratore or analista may ask too).</summary>
    [Alias("Evaluate")]
    Task<AlertList> Evaluate();

    /// <summary>Makes sure the daily evaluation is scheduled (the cluster's own work, at silo start).</summary>
    [Alias("Start")]
    Task Start();

    [Alias("GetRules"), Orleans.Concurrency.AlwaysInterleave]
    Task<AlertRules> GetRules();

    /// <summary>Sets the city's rules (an amministratore); nonsense thresholds are refused by field.</summary>
    [Alias("SetRules")]
    Task<AlertResult> SetRules(AlertRules rules);

    /// <summary>
    /// Tells the observer each new version of the list. The notice carries only the city and the version (no
    /// record), so anybody may subscribe; the list itself is read with <see cref="List"/> under the reader's role.
    /// Answers the list's version now (a subscriber that missed notices while a silo restarted catches up).
    /// </summary>
    [Alias("Subscribe")]
    Task<long> Subscribe(IAlertsObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IAlertsObserver observer);
}

[Alias("IAlertsObserver")]
public interface IAlertsObserver : IGrainObserver
{
    [Alias("OnAlertsChanged"), Orleans.Concurrency.OneWay]
    Task OnAlertsChanged(string city, long version);
}
