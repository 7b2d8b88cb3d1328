// Writes deploy/datasets/bologna-2019.json and bologna-2018.json.
// Run from the repository root: dotnet run deploy/datasets/generator/generate-bologna.cs
//
// The monitoring reports publish aggregates, not records. The tavoli and gruppi the 2019 report
// names are real records (names, quartieri, what the report says of them); everything else is
// synthetic, built so that the published figures come out of the indicator code exactly. The
// generator never writes a figure down: it writes records.
using System.Text.Json;
using System.Text.Json.Nodes;

var outDir = args.Length > 0 ? args[0] : "deploy/datasets";
var quartieri = new[] { "borgo-panigale-reno", "navile", "porto-saragozza", "san-donato-san-vitale", "santo-stefano", "savena" };
// The 2016 reorganisation: the quartieri formed by merging two of the nine before it.
var formedFrom = new Dictionary<string, string[]>
{
    ["borgo-panigale-reno"] = ["borgo-panigale", "reno"],
    ["porto-saragozza"] = ["porto", "saragozza"],
    ["san-donato-san-vitale"] = ["san-donato", "san-vitale"],
};
var zonesOf = new Dictionary<string, string[]>
{
    ["borgo-panigale-reno"] = ["borgo-panigale", "barca", "santa-viola"],
    ["navile"] = ["bolognina", "beverara", "corticella", "lame"],
    ["porto-saragozza"] = ["marconi", "saffi", "costa-saragozza", "malpighi"],
    ["san-donato-san-vitale"] = ["croce-del-biacco", "cirenaica", "san-donato-centrale", "gandusio", "pilastro"],
    ["santo-stefano"] = ["colli", "galvani", "murri"],
    ["savena"] = ["mazzini", "san-ruffillo"],
};

// Splits total into n positive parts that follow a varied but fixed pattern and add up exactly.
static int[] Spread(int total, int n, int seed)
{
    var weights = Enumerable.Range(0, n).Select(i => 1 + ((i * 7 + seed) % 11)).ToArray();
    var sum = weights.Sum();
    var parts = weights.Select(w => Math.Max(1, (int)((long)total * w / sum))).ToArray();
    var diff = total - parts.Sum();
    for (var i = 0; diff != 0; i = (i + 1) % n)
    {
        if (diff > 0) { parts[i]++; diff--; }
        else if (parts[i] > 1) { parts[i]--; diff++; }
    }
    return parts;
}

// A tavolo's meetings of 2019 as dated events: the report counts "117 incontri in 11 mesi", so they fall in
// January to November, each tavolo starting from its own month. The operators stay the year's reported ones.
JsonArray Meetings(int count, int seed) => new([.. Enumerable.Range(0, count).Select(k =>
{
    var month = 1 + (seed + k * 3) % 11;
    var day = 1 + (seed * 5 + k * 9) % 27;
    return (JsonNode)new JsonObject { ["date"] = $"2019-{month:00}-{day:00}" };
})]);

JsonArray Ids(params string[] ids) => new(ids.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
JsonObject Org(string id, string name, string type) => new() { ["id"] = id, ["name"] = name, ["type"] = type };
JsonObject Link(string org, params string[] functions) => new() { ["organisationId"] = org, ["functions"] = Ids(functions) };

// ---------- organisations: 160 third-sector (ETS) and 58 others in the 2019 projects ----------
string[] etsTypes = ["associazione", "odv", "aps", "cooperativa-sociale", "parrocchia", "societa-sportiva", "centro-sociale"];
string[] otherTypes = ["fondazione", "sindacato", "esercizio-commerciale", "ente-formazione", "agenzia-lavoro", "scuola", "universita", "azienda", "associazione-categoria", "gruppo-informale", "servizio-pubblico"];
var organisations = new List<JsonObject>();
var ets = Enumerable.Range(1, 160).Select(i => $"ets-{i:000}").ToList();
var altre = Enumerable.Range(1, 58).Select(i => $"altra-{i:000}").ToList();
for (var i = 0; i < ets.Count; i++) organisations.Add(Org(ets[i], $"Ente del terzo settore {i + 1:000} (sintetico)", etsTypes[i % etsTypes.Length]));
for (var i = 0; i < altre.Count; i++) organisations.Add(Org(altre[i], $"Organizzazione {i + 1:000} (sintetica)", otherTypes[i % otherTypes.Length]));
// Only in the 2018 projects that ended that year.
var old2018 = Enumerable.Range(1, 25).Select(i => $"ets-2018-{i:000}").ToList();
for (var i = 0; i < old2018.Count; i++) organisations.Add(Org(old2018[i], $"Ente del terzo settore 2018-{i + 1:000} (sintetico)", etsTypes[i % etsTypes.Length]));
// The organisations of the tavoli and gruppi beyond those of the projects.
var tavoloOrgs = Enumerable.Range(1, 40).Select(i => $"ets-tavoli-{i:000}").ToList();
for (var i = 0; i < tavoloOrgs.Count; i++) organisations.Add(Org(tavoloOrgs[i], $"Realtà del territorio {i + 1:000} (sintetica)", etsTypes[i % etsTypes.Length]));
var centriSociali = new[] { "centro-costa", "centro-2-agosto", "centro-saffi", "centro-porto", "centro-malpighi" };
organisations.Add(Org("centro-costa", "Centro sociale Costa", "centro-sociale"));
for (var i = 1; i < centriSociali.Length; i++) organisations.Add(Org(centriSociali[i], $"Centro sociale anziani {i + 1} di Porto-Saragozza (sintetico)", "centro-sociale"));

// ---------- 2019 progetti inclusivi: 99 in the aggregates + "Vicinanza solidale" ----------
// Projects 0..81 ran already in 2018 (shared with the 2018 dataset); 82..98 are the 17 new ones.
const int Projects = 99, Shared = 82;
string[] levels = [.. Enumerable.Repeat("quartiere", 86), .. Enumerable.Repeat("area-welfare", 9), .. Enumerable.Repeat("asp", 3), "regione"];
// Shuffle the levels with a fixed stride so new and old projects mix levels.
var levelOf = Enumerable.Range(0, Projects).Select(i => levels[(i * 37) % Projects]).ToArray();

// Organisations: the shared projects use 140 of the 218, the new ones bring the other 78.
var sharedOrgs = ets.Take(110).Concat(altre.Take(30)).ToList();
var newOrgs = ets.Skip(110).Concat(altre.Skip(30)).ToList();
string[] fns = ["volontari", "professionisti", "spazi", "gestione-attivita", "know-how", "risorse-economiche", "coordinamento"];
var orgsOf = new List<JsonObject>?[Projects];
// Projects without organisations reported: 8 (91 report them).
var withoutOrgs = new HashSet<int> { 3, 17, 29, 41, 53, 65, 77, 80 };
var sharedWithOrgs = Enumerable.Range(0, Shared).Where(i => !withoutOrgs.Contains(i)).ToList();   // 74
var newWithOrgs = Enumerable.Range(Shared, Projects - Shared).ToList();                          // 17
// Projects whose organisations are listed without their functions (86 report functions).
var noFunctions = new HashSet<int> { 5, 23, 47, 61, 90 };
List<string>[] Assign(List<int> projects, List<string> pool, int extra)
{
    var lists = projects.Select(_ => new List<string>()).ToArray();
    for (var k = 0; k < pool.Count; k++) lists[k % projects.Count].Add(pool[k]);
    // Some organisations work in several projects: counted once.
    for (var k = 0; k < extra; k++) { var l = lists[(k * 5 + 2) % projects.Count]; var o = pool[(k * 11) % pool.Count]; if (!l.Contains(o)) l.Add(o); }
    return lists;
}
var sharedLists = Assign(sharedWithOrgs, sharedOrgs, 40);
var newLists = Assign(newWithOrgs, newOrgs, 10);
for (var k = 0; k < sharedWithOrgs.Count; k++) orgsOf[sharedWithOrgs[k]] = Links(sharedWithOrgs[k], sharedLists[k]);
for (var k = 0; k < newWithOrgs.Count; k++) orgsOf[newWithOrgs[k]] = Links(newWithOrgs[k], newLists[k]);
List<JsonObject> Links(int project, List<string> ids) => ids.Select((o, n) => noFunctions.Contains(project)
    ? Link(o) : Link(o, [.. fns.Skip((project + n) % fns.Length).Take(1 + (project + n) % 3)])).ToList();

// Beneficiaries: 89 projects report the total (14,844); 61 of them also the part in care of the
// social service (1,989 of 3,671); 3 more report only the part in care (64 in all).
var both = Enumerable.Range(0, 61).Select(i => (i * 3) % Projects).Distinct().Take(61).ToList();
while (both.Count < 61) both.Add(Enumerable.Range(0, Projects).First(i => !both.Contains(i)));
var totalOnly = Enumerable.Range(0, Projects).Where(i => !both.Contains(i)).Take(28).ToList();
var inCaricoOnly = Enumerable.Range(0, Projects).Where(i => !both.Contains(i) && !totalOnly.Contains(i)).Take(3).ToList();
var bothTotals = Spread(3671, 61, 3);
var bothInCarico = bothTotals.Select(t => t / 2).ToArray();
var icDiff = 1989 - bothInCarico.Sum();
for (var i = 0; icDiff != 0; i = (i + 1) % 61)
    if (icDiff > 0 && bothInCarico[i] < bothTotals[i]) { bothInCarico[i]++; icDiff--; }
    else if (icDiff < 0 && bothInCarico[i] > 0) { bothInCarico[i]--; icDiff++; }
var onlyTotals = Spread(14844 - 3671, 28, 5);

var volunteers = Spread(866, 62, 1);          // 62 projects report volunteers
var orgOperators = Spread(163, 39, 2);        // 39 report the organisations' operators
string[] reach = ["quartiere", "zona", "quartiere", "zona", "cittadino", "quartiere"];
string[] targets = ["anziani", "adulti", "minori", "famiglie", "giovani", "disabili", "stranieri", "multi-target"];
string[] access = ["libero", "invio-servizi", "misto"];
string[] sstFns = ["promozione", "coordinamento", "invio", "co-progettazione", "monitoraggio", "partecipazione"];
string[] promRoles = ["sst", "ufficio-reti", "odt", "altri-uffici", "area-welfare", "asp", "ausl"];
string[] funders = ["comune", "quartiere", "regione", "ausl", "stato", "unione-europea", "altro"];
string[] fundSizes = ["fino-5000", "5001-20000", "20001-50000", "oltre-50000"];
string[] pdzNeeds = ["anziani", "minori-famiglie", "adulti-vulnerabili", "multi-target"];

var activities2019 = new List<JsonObject>();
var shared2018 = new List<JsonObject>();
for (var i = 0; i < Projects; i++)
{
    var level = levelOf[i];
    var q = quartieri[i % quartieri.Length];
    var r = level == "quartiere" ? reach[i % reach.Length] : "cittadino";
    // More than a third of the projects work in zones of their quartiere.
    var zones = r == "zona" ? zonesOf[q].Take(1 + i % 2).ToArray() : [];
    var pdz = i is 10 or 34 or 58 or 88;
    var attIndex = i < 61 ? i : -1;
    var att = new List<string>();
    if (attIndex >= 0)
    {
        if (attIndex < 44) att.Add("socialita");
        if (attIndex is >= 30 and < 47) att.Add("salute");
        if (attIndex is >= 50 and < 61) att.Add("beni-prima-necessita");
        if (attIndex is >= 5 and < 14) att.Add("inserimento-lavorativo");
        if (att.Count == 0) att.Add("cultura-sport");
    }
    var profile = new JsonObject
    {
        ["name"] = $"Progetto inclusivo {i + 1:00} (sintetico)",
        ["description"] = "Record sintetico: il rapporto pubblica solo dati aggregati.",
        ["quartieri"] = Ids(q),
        ["zones"] = Ids(zones),
        ["startYear"] = i < Shared ? 2016 + i % 3 : 2019,
        ["endYear"] = null,
        ["status"] = "attivo",
        ["excludedFromAggregates"] = false,
        ["promoterLevel"] = level,
        ["fromPdzLab"] = pdz,
        ["needArea"] = pdz ? pdzNeeds[new[] { 10, 34, 58, 88 }.ToList().IndexOf(i)] : null,
        ["reach"] = r,
        ["promoterRoles"] = Ids([.. promRoles.Skip(i % 4).Take(1 + i % 3)]),
        ["activities"] = attIndex >= 0 ? Ids([.. att]) : null,
        ["target"] = i < 90 ? targets[i % targets.Length] : null,
        ["accessMode"] = i < 98 ? access[i % access.Length] : null,
        ["sstFunctions"] = i < 97 ? Ids([.. sstFns.Skip(i % 5).Take(1 + i % 2)]) : null,
        ["organisations"] = orgsOf[i] is { } links ? new JsonArray([.. links]) : null,
    };
    var bi = both.IndexOf(i); var ti = totalOnly.IndexOf(i);
    var figures = new JsonObject
    {
        ["beneficiaries"] = bi >= 0 ? bothTotals[bi] : ti >= 0 ? onlyTotals[ti] : null,
        ["beneficiariesInCarico"] = bi >= 0 ? bothInCarico[bi] : inCaricoOnly.Contains(i) ? 4 + i % 9 : null,
        ["volunteers"] = i < 62 ? volunteers[i] : null,
        ["organisationOperators"] = i is >= 20 and < 59 ? orgOperators[i - 20] : null,
        ["operators"] = i < 97 ? new JsonObject { ["sst"] = 3 + i % 2, ["reti"] = 1 + i % 2, ["altri"] = 2 + (i / 2) % 2 } : null,
        ["funders"] = i < 67 ? Ids([.. funders.Skip(i % 5).Take(1 + i % 2)]) : null,
        ["fundingClass"] = i < 53 ? fundSizes[i % fundSizes.Length] : null,
    };
    var activity = new JsonObject
    {
        ["kind"] = "progetto", ["id"] = $"progetto-{i + 1:000}", ["real"] = false,
        ["profile"] = profile, ["years"] = new JsonObject { ["2019"] = figures },
    };
    activities2019.Add(activity);
    if (i < Shared) shared2018.Add(activity);
}
// Documented in the report, left out of its aggregate elaborations (the "+1").
activities2019.Add(new JsonObject
{
    ["kind"] = "progetto", ["id"] = "vicinanza-solidale", ["real"] = true,
    ["profile"] = new JsonObject
    {
        ["name"] = "Vicinanza solidale",
        ["description"] = "Incluso nel report del monitoraggio 2019, non nelle elaborazioni aggregate.",
        ["quartieri"] = Ids("borgo-panigale-reno"), ["zones"] = Ids(), ["startYear"] = 2019, ["endYear"] = null,
        ["status"] = "attivo", ["excludedFromAggregates"] = true, ["promoterLevel"] = "quartiere",
    },
    ["years"] = new JsonObject(),
});

// ---------- tavoli permanenti: the 15 the report names, and 3 synthetic ----------
// (id, name, quartiere, activation year, status, coordination, themes, purposes, real)
var tavoli = new (string Id, string Name, string Q, int Year, string Status, string Coord, string[] Themes, string[] Purposes, bool Real)[]
{
    ("tavolo-parrocchie-caritas-borgo-panigale-reno", "Tavolo parrocchie/Caritas", "borgo-panigale-reno", 2012, "attivo", "sst", ["multi-target"], ["scambio-informazioni", "presa-in-carico-comunitaria"], true),
    ("tavolo-parrocchie-caritas-savena", "Tavolo parrocchie/Caritas", "savena", 2013, "attivo", "sst", ["multi-target"], ["scambio-informazioni", "presa-in-carico-comunitaria"], true),
    ("tavolo-bolognina", "Tavolo Bolognina", "navile", 2014, "attivo", "sst-ufficio-reti", ["multi-target"], ["presa-in-carico-comunitaria"], true),
    ("tavolo-5-centri", "Tavolo 5 Centri", "porto-saragozza", 2015, "attivo", "odt", ["anziani"], ["conoscenza-reciproca", "supporto"], true),
    ("tavolo-adolescenti-navile", "Tavolo adolescenti", "navile", 2016, "attivo", "sst-ufficio-reti", ["adolescenti"], ["scambio-informazioni", "co-progettazione", "prevenzione"], true),
    ("tavolo-adolescenti-savena", "Tavolo adolescenti", "savena", 2017, "attivo", "sst-ufficio-reti", ["adolescenti"], ["scambio-informazioni", "co-progettazione", "prevenzione"], true),
    ("tavolo-beverara", "Tavolo Beverara", "navile", 2018, "attivo", "ufficio-reti", ["multi-target"], ["scambio-informazioni", "conoscenza-reciproca"], true),
    ("tavolo-croce-del-biacco", "Tavolo territoriale Croce del Biacco", "san-donato-san-vitale", 2018, "attivo", "ufficio-reti", ["multi-target"], ["conoscenza-reciproca", "co-progettazione"], true),
    ("tavolo-cirenaica", "Tavolo territoriale Cirenaica", "san-donato-san-vitale", 2018, "attivo", "ufficio-reti", ["multi-target"], ["conoscenza-reciproca", "co-progettazione"], true),
    ("tavolo-san-donato-centrale", "Tavolo territoriale San Donato centrale", "san-donato-san-vitale", 2019, "attivo", "ufficio-reti", ["multi-target"], ["conoscenza-reciproca", "co-progettazione"], true),
    ("tavolo-gandusio", "Tavolo territoriale Gandusio", "san-donato-san-vitale", 2019, "attivo", "ufficio-reti", ["multi-target"], ["conoscenza-reciproca", "co-progettazione"], true),
    ("tavolo-pilastro", "Tavolo territoriale Pilastro", "san-donato-san-vitale", 2019, "attivo", "ufficio-reti", ["multi-target"], ["conoscenza-reciproca", "co-progettazione"], true),
    ("tavolo-casalab", "Tavolo Casalab", "navile", 2018, "attivo", "sst", ["salute", "fragilita-adulti"], ["presa-in-carico-comunitaria", "prevenzione"], true),
    ("tavolo-associazioni-famiglie", "Tavolo Associazioni_Famiglie", "borgo-panigale-reno", 2019, "attivo", "sst", ["famiglie-minori"], ["co-progettazione"], true),
    ("tavolo-adolescenti-santo-stefano", "Tavolo adolescenti", "santo-stefano", 2019, "in-attivazione", "sst-ufficio-reti", ["adolescenti"], ["scambio-informazioni", "co-progettazione", "prevenzione"], true),
    ("tavolo-sintetico-1", "Tavolo di quartiere 1 (sintetico)", "porto-saragozza", 2018, "attivo", "sst", ["fragilita-adulti"], ["scambio-informazioni"], false),
    ("tavolo-sintetico-2", "Tavolo di quartiere 2 (sintetico)", "santo-stefano", 2019, "attivo", "sst", ["anziani"], ["conoscenza-reciproca"], false),
    ("tavolo-sintetico-3", "Tavolo di quartiere 3 (sintetico)", "savena", 2019, "attivo", "ufficio-reti", ["abitare"], ["co-progettazione"], false),
};
var meetings = Spread(117, 18, 4);
// 102 organisations at 16 tavoli (two did not report them); some sit at more than one.
var tavoloPool = tavoloOrgs.Concat(ets.Take(57)).Concat(centriSociali).ToList();   // 40 + 57 + 5 = 102
var tavoliWithOrgs = Enumerable.Range(0, 18).Where(i => i is not 14 and not 16).ToList();
var tavoloLists = Assign(tavoliWithOrgs.Where(i => i != 3).ToList(), tavoloPool.Except(centriSociali).ToList(), 12);
var sst = Spread(76, 17, 6);     // 17 tavoli report SST operators: mean 4.47
var sest = Spread(26, 13, 7);    // 13 report the education service: mean 2
var reti = Spread(19, 13, 8);    // 13 report the networks office: mean 1.46
for (var i = 0; i < tavoli.Length; i++)
{
    var t = tavoli[i];
    var k = tavoliWithOrgs.Where(x => x != 3).ToList().IndexOf(i);
    JsonNode? orgs = i == 3 ? new JsonArray([.. centriSociali.Select(o => Link(o, "gestione-attivita"))])
        : k >= 0 ? new JsonArray([.. tavoloLists[k].Select(o => Link(o, "volontari"))]) : null;
    var ops = new JsonObject();
    if (i < 17) ops["sst"] = sst[i];
    if (i < 13) ops["sest"] = sest[i];
    if (i >= 5) ops["reti"] = reti[i - 5];
    activities2019.Add(new JsonObject
    {
        ["kind"] = "tavolo", ["id"] = t.Id, ["real"] = t.Real,
        ["profile"] = new JsonObject
        {
            ["name"] = t.Name, ["quartieri"] = Ids(t.Q), ["zones"] = t.Id.StartsWith("tavolo-") && zonesOf[t.Q].Contains(t.Id["tavolo-".Length..]) ? Ids(t.Id["tavolo-".Length..]) : Ids(),
            ["startYear"] = t.Year, ["endYear"] = null, ["status"] = t.Status, ["excludedFromAggregates"] = false,
            ["coordination"] = t.Coord, ["themes"] = Ids(t.Themes), ["purposes"] = Ids(t.Purposes), ["organisations"] = orgs,
        },
        ["years"] = new JsonObject { ["2019"] = new JsonObject { ["events"] = Meetings(meetings[i], i), ["operators"] = ops } },
    });
    // Before 2016 Bologna had nine quartieri: a tavolo older than its merged quartiere was in the ones
    // it was formed from. The report does not say which, so the record places it in both.
    if (t.Year < 2016 && formedFrom.TryGetValue(t.Q, out var before))
    {
        var byYear = new JsonObject();
        for (var y = t.Year; y < 2016; y++) byYear[y.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject { ["quartieri"] = Ids(before) };
        activities2019[^1]!["profileByYear"] = byYear;
    }
}

// ---------- gruppi di cittadini: the 12 the report names ----------
var gruppi = new (string Id, string Name, string[] Q, string[] Themes, string[] Purposes)[]
{
    ("gruppo-informativo-caregiver-anziani", "Gruppo informativo caregiver di anziani", ["san-donato-san-vitale"], ["anziani"], ["informativa"]),
    ("gruppo-informativo-risanamento", "Gruppo informativo Risanamento", ["san-donato-san-vitale"], ["abitare"], ["informativa"]),
    ("gruppo-grave-disagio-abitativo", "Gruppo grave disagio abitativo", ["san-donato-san-vitale"], ["abitare"], ["informativa", "prevenzione"]),
    ("gruppo-sostegno-genitori", "Sostegno genitori", ["san-donato-san-vitale"], ["genitorialita"], ["supporto"]),
    ("gruppo-contrasto-sfratti", "Gruppo contrasto sfratti", ["santo-stefano"], ["abitare"], ["informativa", "prevenzione"]),
    ("gruppo-genitori-insieme", "Genitori Insieme", ["santo-stefano"], ["genitorialita"], ["supporto"]),
    ("gruppo-up-side-down", "Up side down", ["santo-stefano"], ["adolescenti"], ["socializzazione", "supporto"]),
    ("gruppo-contrasto-decadenza-morosita", "Gruppo strategie di contrasto alla decadenza per morosità", ["savena"], ["abitare"], ["informativa", "prevenzione"]),
    ("gruppo-sfratti-morosita", "Gruppo sfratti e morosità", ["porto-saragozza"], ["abitare"], ["informativa", "prevenzione"]),
    ("gruppo-lettura-dante", "Gruppo lettura Dante", ["porto-saragozza"], ["anziani", "cultura"], ["socializzazione"]),
    ("gruppo-jazz", "Gruppo «jazz»", ["porto-saragozza"], ["anziani", "cultura"], ["socializzazione"]),
    ("gruppo-a-testa-alta", "A testa Alta", ["savena", "santo-stefano"], ["adolescenti"], ["socializzazione", "supporto"]),
};
var citizens = Spread(346, 12, 9);
var gMeetings = Spread(101, 12, 10);
var gruppoOrgs = ets.Skip(60).Take(11).ToList();   // 11 organisations, in 8 of the 12 gruppi
for (var i = 0; i < gruppi.Length; i++)
{
    var g = gruppi[i];
    var links = i < 8 ? gruppoOrgs.Where((_, n) => n % 8 == i).Select(o => Link(o, "volontari")).ToArray() : [];
    activities2019.Add(new JsonObject
    {
        ["kind"] = "gruppo", ["id"] = g.Id, ["real"] = true,
        ["profile"] = new JsonObject
        {
            ["name"] = g.Name, ["quartieri"] = Ids(g.Q), ["zones"] = Ids(), ["startYear"] = 2019, ["endYear"] = null,
            ["status"] = "attivo", ["excludedFromAggregates"] = false, ["coordination"] = i < 8 ? "sst" : "sst-ufficio-reti",
            ["themes"] = Ids(g.Themes), ["purposes"] = Ids(g.Purposes), ["organisations"] = new JsonArray([.. links]),
        },
        ["years"] = new JsonObject
        {
            ["2019"] = new JsonObject { ["meetings"] = gMeetings[i], ["citizens"] = citizens[i], ["operators"] = new JsonObject { ["sst"] = 1 + i % 2 } },
        },
    });
}

// ---------- 2018: the 82 projects that went on into 2019, and 65 that ended in 2018 ----------
var activities2018 = new List<JsonObject>();
var ben2018 = Spread(6900, 100, 11);
var vol2018 = Spread(532, 70, 12);
for (var i = 0; i < Shared; i++)
{
    var a = (JsonObject)shared2018[i].DeepClone();
    a["years"] = new JsonObject { ["2018"] = new JsonObject { ["beneficiaries"] = ben2018[i], ["volunteers"] = i < 70 ? vol2018[i] : null } };
    activities2018.Add(a);
}
// The projects that ended in 2018 bring 25 organisations of their own: 140 + 25 = 165.
for (var i = 0; i < 65; i++)
{
    var q = quartieri[i % quartieri.Length];
    JsonNode? orgs = i < 25 ? new JsonArray(Link(old2018[i], "volontari"), Link(sharedOrgs[i * 3 % sharedOrgs.Count], "spazi")) : null;
    activities2018.Add(new JsonObject
    {
        ["kind"] = "progetto", ["id"] = $"progetto-2018-{i + 1:000}", ["real"] = false,
        ["profile"] = new JsonObject
        {
            ["name"] = $"Progetto inclusivo 2018-{i + 1:00} (sintetico)", ["quartieri"] = Ids(q), ["zones"] = Ids(),
            ["startYear"] = 2017 + i % 2, ["endYear"] = 2018, ["status"] = "concluso", ["excludedFromAggregates"] = false,
            ["promoterLevel"] = "quartiere", ["reach"] = "quartiere", ["organisations"] = orgs,
        },
        ["years"] = new JsonObject { ["2018"] = new JsonObject { ["beneficiaries"] = i < 18 ? ben2018[Shared + i] : null } },
    });
}

var options = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
void Write(string name, int year, string provenance, List<JsonObject> activities, IEnumerable<JsonObject> orgs)
{
    var doc = new JsonObject
    {
        ["dataset"] = name, ["city"] = "bologna", ["year"] = year, ["provenance"] = provenance,
        ["organisations"] = new JsonArray([.. orgs.Select(o => (JsonNode)o.DeepClone())]),
        ["activities"] = new JsonArray([.. activities.Select(a => (JsonNode)a.DeepClone())]),
    };
    File.WriteAllText(Path.Combine(outDir, name + ".json"), doc.ToJsonString(options) + "\n");
}
Write("bologna-2019", 2019,
    "Bologna, data year 2019 (second monitoring, Iress for Comune di Bologna, published March 2021). REAL records (\"real\": true): " +
    "the tavoli permanenti and gruppi di cittadini the report names, with their quartiere and what the report says of them, and the " +
    "project 'Vicinanza solidale' (documented, excluded from the aggregates). SYNTHETIC records (\"real\": false): every progetto " +
    "inclusivo, three tavoli, the organisations and all figures, because the report publishes aggregates only; they are built so " +
    "that the indicator code reproduces the published figures. Generated by deploy/datasets/generator/generate-bologna.cs.",
    activities2019, organisations);
Write("bologna-2018", 2018,
    "Bologna, data year 2018 (first monitoring, published January 2020). All records SYNTHETIC, calibrated to the published headline " +
    "figures (147 experiences, 165 organisations, more than 500 volunteers, 6,900 beneficiaries). The 82 projects that went on into " +
    "2019 are the same records as in bologna-2019. Generated by deploy/datasets/generator/generate-bologna.cs.",
    activities2018, organisations);
Console.WriteLine($"bologna-2019: {activities2019.Count} activities; bologna-2018: {activities2018.Count} activities; {organisations.Count} organisations");
