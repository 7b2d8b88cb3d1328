namespace ActorWelfare.Tests.Infrastructure;

/// <summary>Community associations named in their own languages: Romanian, Polish, Ukrainian, Arabic, Chinese.</summary>
public static class ForeignNames
{
    public static readonly string[] All =
    [
        "Asociația Românilor „Ștefan cel Mare” din Bologna",
        "Stowarzyszenie Polaków „Łączy nas Bolonia” – Gdańsk, Łódź",
        "Українська громада «Джерело» Болоньї",
        "جمعية الجالية المغربية في بولونيا",
        "华人社区协会 博洛尼亚",
    ];
}
