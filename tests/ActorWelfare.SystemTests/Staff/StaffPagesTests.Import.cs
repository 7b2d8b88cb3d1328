using ActorWelfare.Imports;
using Microsoft.Playwright;
using Xunit;

namespace ActorWelfare.Tests.Staff;

/// <summary>The import page's help: the format served by the product, templates from the city's territory, a file button in the page's language.</summary>
public sealed partial class StaffPagesTests
{
    [Fact]
    public async Task The_import_page_links_the_format_and_templates_that_import_as_they_are_with_a_file_button_in_italian()
    {
        var page = await SignedInPageAsync("operatore.navile", "/citta/bologna/importa");

        // The browser's own control ("Choose File", "No file chosen") is out of sight; the button people see is its label, in Italian.
        await Assertions.Expect(page.GetByTestId("import-file-button")).ToHaveTextAsync("Scegli il file da importare…");
        await Assertions.Expect(page.GetByTestId("import-file-chosen")).ToHaveTextAsync("Nessun file scelto");
        // Drawn as a button: its text is not the colour of what is behind it (bootstrap-italia clears a file label's background).
        var colours = await page.EvaluateAsync<string[]>("() => { const c = getComputedStyle(document.querySelector('[data-testid=import-file-button]')); return [c.color, c.backgroundColor]; }");
        Assert.True(colours[1] is not "rgba(0, 0, 0, 0)" and not "transparent" && colours[0] != colours[1], $"text {colours[0]} on {colours[1]}");
        var native = await page.Locator("#import-file").BoundingBoxAsync();
        Assert.True(native is null || (native.Width <= 1 && native.Height <= 1), $"the browser's file control is visible: {native?.Width}×{native?.Height}");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Choose File", text);
        Assert.DoesNotContain("No file chosen", text);
        // From the keyboard: the control takes the focus, and the label shows it.
        await page.FocusAsync("#import-file");
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('label[for=import-file]')).outlineStyle"));

        // Each template downloads, reads as the import format, is made for the operatore's quartiere, and imports as it is.
        foreach (var (testId, type) in new[] { ("template-csv", "text/csv"), ("template-json", "application/json") })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(testId).ClickAsync());
            var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
            var parsed = type == "text/csv" ? CsvImport.Parse(bytes, "bologna") : JsonImport.Parse(bytes);
            Assert.Empty(parsed.Problems);
            Assert.Equal(["gruppo", "progetto", "tavolo"], parsed.Document!.Activities.Select(a => a.Kind.ToString().ToLowerInvariant()).Order());
            Assert.All(parsed.Document.Activities, a => Assert.Equal(["navile"], a.Profile.Quartieri));
            Assert.All(parsed.Document.Activities, a => Assert.Equal([Year], a.Years.Keys));

            await page.SetInputFilesAsync("#import-file", new FilePayload { Name = download.SuggestedFilename, MimeType = type, Buffer = bytes });
            await Assertions.Expect(page.GetByTestId("import-file-chosen")).ToHaveTextAsync(download.SuggestedFilename);
            await Assertions.Expect(page.Locator("[data-testid=import-status][data-phase=applied]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }

        // The format, served by the product in the page's language, with the city's own ids.
        await page.GetByTestId("import-format-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-format")).ToContainTextAsync("Formato dei file da importare", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=import-format-columns] tr[data-column=startYear]")).ToContainTextAsync("Anno di inizio");
        await Assertions.Expect(page.GetByTestId("import-format-districts")).ToContainTextAsync("navile — Navile");
        await Assertions.Expect(page.Locator("[data-taxonomy=themes]")).ToContainTextAsync("anziani");
        await Assertions.Expect(page.GetByTestId("template-csv")).ToBeVisibleAsync();

        // Another city's page, for its own operatori, gives its own examples: Crema's offices are its professional
        // figures, with no Ufficio Reti to copy. A Navile operatore does not work in Crema: not theirs to open.
        await page.GotoAsync(Stack.Url("/citta/crema/importa/formato"));
        await Assertions.Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var crema = await SignedInPageAsync("operatore.zona1.crema", "/citta/crema/importa/formato");
        var operators = crema.Locator("[data-testid=import-format-columns] tr[data-column=operators]");
        await Assertions.Expect(operators).ToContainTextAsync("assistenti-sociali=2|educatori-professionali=3", new() { Timeout = 15_000 });
        Assert.DoesNotContain("reti=", await crema.Locator("main").InnerTextAsync());
    }
}
