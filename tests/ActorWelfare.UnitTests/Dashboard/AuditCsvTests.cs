using ActorWelfare.Dashboard.Api;
using Xunit;

namespace ActorWelfare.Tests.Dashboard;

/// <summary>The audit CSV is read in spreadsheets: no cell it writes may run as a formula.</summary>
public sealed class AuditCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void A_cell_that_a_spreadsheet_would_run_is_written_as_text(string name)
    {
        var line = AuditLog.CsvLine(new AuditRow(1, "bologna", "tavolo", "t-1", 1, DateTimeOffset.UnixEpoch, "u", name, "EditProfile", "{}"));
        var cell = line.Split("\",\"")[7];
        Assert.Equal("'" + name.Replace("\"", "\"\""), cell);
    }

    [Fact]
    public void An_ordinary_cell_is_written_as_it_is()
    {
        var line = AuditLog.CsvLine(new AuditRow(1, "bologna", "tavolo", "t-1", 1, DateTimeOffset.UnixEpoch, "u", "Anna \"Nina\" Rossi", "EditProfile", "{}"));
        Assert.Contains(",\"Anna \"\"Nina\"\" Rossi\",", line);
    }
}
