namespace ActorWelfare.Dashboard.Components.Staff;

/// <summary>
/// Which dated fields of the year being edited differ from the previous year's, so the form can say so
/// beside each of them (<see cref="SincePrevious"/>). Cascaded by the activity form.
/// </summary>
public sealed record YearDifferences(int PreviousYear, IReadOnlySet<string> Fields);
