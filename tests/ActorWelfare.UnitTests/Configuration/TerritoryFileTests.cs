using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Configuration;

public sealed class TerritoryFileTests
{
    private static string Folder => Path.Combine(RepoPaths.Root, "deploy", "territories");

    [Fact]
    public void Bologna_ships_its_six_quartieri_and_crema_its_five_zones()
    {
        var cities = TerritoryFile.LoadAll(Folder);

        Assert.Equal(
            ["borgo-panigale-reno", "navile", "porto-saragozza", "san-donato-san-vitale", "santo-stefano", "savena"],
            cities["bologna"].Quartieri.Select(q => q.Id));
        Assert.Equal(
            ["croce-del-biacco", "cirenaica", "san-donato-centrale", "gandusio", "pilastro"],
            cities["bologna"].FindQuartiere("san-donato-san-vitale")!.Zones.Select(z => z.Id));
        Assert.Equal(5, cities["crema"].Quartieri.Count);
        Assert.Equal("zona", cities["crema"].DistrictTerm.It);
        // The places of the working group's minutes (seed 004), for meetings to name.
        Assert.Equal("via Zuvadelli, Crema", cities["crema"].FindPlace("oratorio-san-bartolomeo")!.Address);
        Assert.Null(cities["bologna"].Places);
    }

    [Fact]
    public void Bologna_names_its_nine_quartieri_before_2016_and_what_each_became()
    {
        var bologna = TerritoryFile.LoadAll(Path.Combine(RepoPaths.Root, "deploy", "territories"))["bologna"];
        Assert.Equal(["Borgo Panigale", "Navile", "Porto", "Reno", "San Donato", "San Vitale", "Santo Stefano", "Saragozza", "Savena"],
            bologna.QuartieriIn(2015).Select(q => q.Name));
        Assert.Equal(bologna.Quartieri, bologna.QuartieriIn(2016));
        Assert.Equal("porto-saragozza", bologna.TodayOf("saragozza")!.Id);
        Assert.Equal("navile", bologna.TodayOf("navile")!.Id);
        // The territory of 2015 still finds today's quartieri by id, for the names of records of later years.
        Assert.Equal("Porto-Saragozza", bologna.ForYear(2015).FindQuartiere("porto-saragozza")!.Name);
    }

    [Fact]
    public void Each_city_says_its_district_term_in_the_singular_and_the_plural()
    {
        var cities = TerritoryFile.LoadAll(Folder);

        Assert.Equal(new DistrictTerm("quartiere", "district", "quartieri", "districts", "m"), cities["bologna"].DistrictTerm);
        Assert.Equal(new DistrictTerm("zona", "zone", "zone", "zones", "f"), cities["crema"].DistrictTerm);
        var error = Assert.Throws<InvalidDataException>(() => TerritoryFile.Parse(
            """{"id":"x","name":"x","districtTerm":{"it":"rione","en":"ward"},"quartieri":[{"id":"a","name":"A","zones":[]}]}""", "test.json"));
        Assert.Contains("districtTerm.itPlural: required", error.Message);
        Assert.Contains("districtTerm.enPlural: required", error.Message);
        Assert.Contains("districtTerm.gender: required", error.Message);
    }

    [Theory]
    [InlineData("quartiere", "quartieri", "m", "Il mio quartiere", "I miei quartieri", "i quartieri", "del quartiere")]
    [InlineData("zona", "zone", "f", "La mia zona", "Le mie zone", "le zone", "della zona")]
    [InlineData("municipio", "municipi", "m", "Il mio municipio", "I miei municipi", "i municipi", "del municipio")]
    [InlineData("circoscrizione", "circoscrizioni", "f", "La mia circoscrizione", "Le mie circoscrizioni", "le circoscrizioni", "della circoscrizione")]
    [InlineData("ambito", "ambiti", "m", "Il mio ambito", "I miei ambiti", "gli ambiti", "dell'ambito")]
    [InlineData("settore", "settori", "m", "Il mio settore", "I miei settori", "i settori", "del settore")]
    [InlineData("spazio", "spazi", "m", "Il mio spazio", "I miei spazi", "gli spazi", "dello spazio")]
    public void A_district_term_reads_with_the_right_italian_article(string it, string plural, string gender, string mine, string mineMany, string theMany, string ofThe)
    {
        var term = new DistrictTerm(it, "district", plural, "districts", gender);
        Assert.Equal(mine, term.Mine(false).It);
        Assert.Equal(mineMany, term.Mine(true).It);
        Assert.Equal(theMany, term.TheMany.It);
        Assert.Equal(ofThe, term.OfThe.It);
        Assert.Equal("My districts", term.Mine(true).En);
    }

    [Theory]
    [InlineData("""{"id":"Bad City","name":"x","districtTerm":{"it":"q","en":"d","itPlural":"qq","enPlural":"dd","gender":"m"},"quartieri":[{"id":"a","name":"A","zones":[]}]}""", "id: 'Bad City'")]
    [InlineData("""{"id":"x","name":"x","districtTerm":{"it":"q","en":"d","itPlural":"qq","enPlural":"dd","gender":"m"},"quartieri":[]}""", "quartieri: at least one")]
    [InlineData("""{"id":"x","name":"x","districtTerm":{"it":"q","en":"d","itPlural":"qq","enPlural":"dd","gender":"m"},"quartieri":[{"id":"a","name":"A","zones":[]},{"id":"a","name":"B","zones":[]}]}""", "'a' appears twice")]
    [InlineData("""{"id":"x","name":"x","districtTerm":{"it":"q","en":"d","itPlural":"qq","enPlural":"dd","gender":"m"},"quartieri":[{"id":"a","name":"A","zones":[{"id":"Z 1","name":"Z"}]}]}""", "zones.id: 'Z 1'")]
    [InlineData("""{"id":"x","name":"x","colour":"red","districtTerm":{"it":"q","en":"d","itPlural":"qq","enPlural":"dd","gender":"m"},"quartieri":[]}""", "colour")]
    [InlineData("""{"id":"x","name":"x","districtTerm":{"it":"q","en":"d","itPlural":"qq","enPlural":"dd","gender":"m"},"quartieri":[{"id":"a","name":"A","zones":[]}],"formerQuartieri":[{"id":"b","name":"B","zones":[]}]}""", "formerQuartieri[b].until: required")]
    [InlineData("""{"id":"x","name":"x","districtTerm":{"it":"q","en":"d","itPlural":"qq","enPlural":"dd","gender":"m"},"quartieri":[{"id":"a","name":"A","zones":[]}],"formerQuartieri":[{"id":"b","name":"B","zones":[],"until":2015,"becomes":"c"}]}""", "becomes: 'c' is not a quartiere")]
    [InlineData("""{"id":"x","name":"x","districtTerm":{"it":"q","en":"d","itPlural":"qq","enPlural":"dd","gender":"m"},"quartieri":[{"id":"a","name":"A","zones":[{"id":"z","name":"Z"}]}],"formerQuartieri":[{"id":"b","name":"B","zones":[{"id":"z","name":"Z"}],"until":2015}]}""", "'z' is already a zone of a")]
    [InlineData("""{"id":"x","name":"x","districtTerm":{"it":"q","en":"d","itPlural":"qq","enPlural":"dd","gender":"m"},"quartieri":[{"id":"a","name":"A","zones":[]}],"places":[{"id":"p","name":"P"},{"id":"p","name":"Q"}]}""", "places.id: 'p' appears twice")]
    [InlineData("""{"id":"x","name":"x","districtTerm":{"it":"q","en":"d","itPlural":"qq","enPlural":"dd","gender":"m"},"quartieri":[{"id":"a","name":"A","zones":[]}],"places":[{"id":"p","name":" ","quartiere":"b"}]}""", "places[p].name: required; places[p].quartiere: 'b' is not a quartiere")]
    public void A_bad_territory_file_is_refused_with_the_field_named(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => TerritoryFile.Parse(json, "test.json"));
        Assert.Contains(expected, error.Message);
        Assert.StartsWith("test.json", error.Message);
    }
}
