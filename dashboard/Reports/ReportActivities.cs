using ActorWelfare.Activities;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>An activity of the snapshot as people read it, in its profile of the snapshot's year: names, not ids.</summary>
public sealed record ReportActivity(ActivityRecord Record, string Kind, string Name, string Districts, string Zones,
    ActivityProfile Profile, YearFigures Figures, IReadOnlyList<string>? Organisations);

/// <summary>The snapshot's activities as one table (the XLSX's sheet, the activities CSV): a header row, then a row per activity.</summary>
public static class ReportActivities
{
    /// <summary>The columns of years and versions: numbers a spreadsheet shows without a thousands separator.</summary>
    public static readonly IReadOnlySet<int> PlainColumns = new HashSet<int> { 5, 6, 17 };

    public static List<object?[]> Rows(ReportModel report)
    {
        var zones = FieldLabels.Of("zones", report.Territory);
        var rows = new List<object?[]>
        {
            new object?[] { report.T("Tipo", "Kind"), "Id", report.T("Nome", "Name"), report.District(plural: true), report.T(zones.It, zones.En),
                report.T("Anno di inizio", "Start year"), report.T("Anno di fine", "End year"), report.T("Stato", "Status"), report.T("Escluso dalle elaborazioni", "Left out of the figures"),
                report.T("Incontri", "Meetings"), report.T("Incontri contati da", "Meetings counted from"), report.T("Beneficiari", "Beneficiaries"), report.T($"In carico al {report.Territory.SocialServiceName.It}", $"In the care of the {report.Territory.SocialServiceName.En}"), report.T("Volontari", "Volunteers"),
                report.T("Operatori delle organizzazioni", "Organisation staff"), report.T("Cittadini", "Citizens"), report.T("Organizzazioni", "Organisations"), report.T("Versione", "Version") },
        };
        foreach (var a in report.Activities)
        {
            var (f, p) = (a.Figures, a.Profile);
            rows.Add([a.Kind, a.Record.Id, a.Name, a.Districts, a.Zones,
                p.StartYear, p.EndYear, report.NameOf(p.Status, report.Territory.Taxonomies.Statuses), p.ExcludedFromAggregates ? report.T("sì", "yes") : report.T("no", "no"),
                MeetingFigures.Meetings(f), MeetingSource(report, f), f.Beneficiaries, f.BeneficiariesInCarico, f.Volunteers, f.OrganisationOperators, f.Citizens,
                a.Organisations is { } o ? string.Join("; ", o) : null, a.Record.Version]);
        }
        return rows;
    }

    /// <summary>Which source the year's meeting count comes from (null where it reports none).</summary>
    private static string? MeetingSource(ReportModel report, YearFigures f) =>
        MeetingFigures.Meetings(f) is null ? null
        : MeetingFigures.FromEvents(f) ? report.T("incontri registrati", "recorded meetings") : report.T("totale dichiarato", "reported total");
}
