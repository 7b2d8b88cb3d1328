using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>
/// A minimal OpenID Connect provider on loopback (discovery, authorize, token with PKCE, JWKS), which
/// signs in whoever is set in <see cref="Person"/> at once. A city's real provider cannot run here.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly RSA key = RSA.Create(2048);
    private readonly Dictionary<string, (string Nonce, string Challenge, string ClientId)> codes = [];

    public string Authority { get; }
    public (string Subject, string Email, string[] Roles, string[] Quartieri) Person { get; set; }

    private FakeIdentityProvider(int port)
    {
        Authority = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Authority);
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority, ["authorization_endpoint"] = Authority + "/authorize", ["token_endpoint"] = Authority + "/token",
            ["jwks_uri"] = Authority + "/jwks", ["response_types_supported"] = new[] { "code" }, ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" }, ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var p = key.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", kid = "k1", alg = "RS256", n = B64(p.Modulus!), e = B64(p.Exponent!) } } });
        });
        app.MapGet("/authorize", (HttpRequest r) =>
        {
            var code = Guid.NewGuid().ToString("N");
            lock (codes) codes[code] = (r.Query["nonce"]!, r.Query["code_challenge"]!, r.Query["client_id"]!);
            return Results.Redirect($"{r.Query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(r.Query["state"]!)}");
        });
        app.MapPost("/token", async (HttpRequest r) =>
        {
            var form = await r.ReadFormAsync();
            (string Nonce, string Challenge, string ClientId) grant;
            lock (codes)
                if (!codes.Remove(form["code"]!, out grant)) return Results.BadRequest(new { error = "invalid_grant" });
            var verifier = B64(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
            if (verifier != grant.Challenge) return Results.BadRequest(new { error = "invalid_grant", error_description = "PKCE" });
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var idToken = Sign(new Dictionary<string, object>
            {
                ["iss"] = Authority, ["aud"] = grant.ClientId, ["sub"] = Person.Subject, ["iat"] = now, ["exp"] = now + 300, ["nonce"] = grant.Nonce,
                ["email"] = Person.Email, ["email_verified"] = true, ["roles"] = Person.Roles, ["quartieri"] = Person.Quartieri,
            });
            return Results.Json(new { access_token = Guid.NewGuid().ToString("N"), token_type = "Bearer", expires_in = 300, id_token = idToken });
        });
    }

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var provider = new FakeIdentityProvider(FreePort.Next());
        await provider.app.StartAsync();
        return provider;
    }

    private string Sign(Dictionary<string, object> claims)
    {
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = "k1" }));
        var payload = B64(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{B64(signature)}";
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        key.Dispose();
    }
}
