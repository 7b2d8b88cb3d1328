using ActorWelfare.Activities;
using ActorWelfare.Alerts;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>The checks on a city's alert rules and on an answer to an alert: every problem at once, by field.</summary>
public static class AlertRulesCheck
{
    public const int MaxDays = 3_650, MaxFactor = 1_000, MaxMinimum = 1_000_000, MaxSnoozeDays = 366;

    public static IReadOnlyList<ValidationError> Check(AlertRules? rules, Territory territory)
    {
        if (rules is null) return [Errors.Required("alerts")];
        var errors = new List<ValidationError>();
        if (rules.NoMeetingDays < 1 || rules.NoMeetingDays > MaxDays) errors.Add(Range("alerts.noMeetingDays", 1, MaxDays));
        if (rules.MissingFiguresAfterDays < 0 || rules.MissingFiguresAfterDays > 365) errors.Add(Range("alerts.missingFiguresAfterDays", 0, 365));
        if (!double.IsFinite(rules.OutlierFactor) || rules.OutlierFactor <= 1 || rules.OutlierFactor > MaxFactor)
            errors.Add(Errors.Of("alerts.outlierFactor", "range", $"deve essere un numero maggiore di 1 e al massimo {MaxFactor} (3 = il triplo della media).",
                $"must be a number above 1 and at most {MaxFactor} (3 = three times the average)."));
        // At least 1: with 0, an activity that reports 0 year after year would be its own outlier.
        if (rules.OutlierMinimum < 1 || rules.OutlierMinimum > MaxMinimum) errors.Add(Range("alerts.outlierMinimum", 1, MaxMinimum));
        if (rules.EndedStatuses is not { Count: > 0 }) errors.Add(Errors.Required("alerts.endedStatuses"));
        else
        {
            foreach (var status in rules.EndedStatuses.Where(s => territory.Taxonomies.Statuses.All(t => t.Id != s)).Distinct())
                errors.Add(Errors.Unknown("alerts.endedStatuses", status, territory));
            foreach (var status in rules.EndedStatuses.GroupBy(s => s).Where(g => g.Count() > 1 && g.Key is not null))
                errors.Add(Errors.Duplicate("alerts.endedStatuses", status.Key, territory));
        }
        return errors;
    }

    /// <summary>An answer to an alert: "ack", or "snooze" until a day after today and within a year.</summary>
    public static IReadOnlyList<ValidationError> CheckAnswer(string? answer, DateOnly? until, DateOnly today)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrEmpty(answer)) errors.Add(Errors.Required("answer"));
        else if (!AlertAnswer.All.Contains(answer)) errors.Add(Errors.Unknown("answer", answer));
        if (answer == AlertAnswer.Snoozed)
        {
            if (until is not { } day) errors.Add(Errors.Required("until"));
            else if (day <= today) errors.Add(Errors.Of("until", "after-today", "deve essere un giorno dopo oggi.", "must be a day after today."));
            else if (day.DayNumber - today.DayNumber > MaxSnoozeDays)
                errors.Add(Errors.Of("until", "max-value", $"al massimo {MaxSnoozeDays} giorni da oggi.", $"at most {MaxSnoozeDays} days from today."));
        }
        else if (answer == AlertAnswer.Acknowledged && until is not null)
            errors.Add(Errors.Of("until", "not-applicable", "si indica solo per rimandare un avviso.", "is given only to snooze an alert."));
        return errors;
    }

    private static ValidationError Range(string field, int min, int max) =>
        Errors.Of(field, "range", $"deve essere un numero intero tra {min} e {max:N0}.", $"must be a whole number between {min} and {max:N0}.");
}
