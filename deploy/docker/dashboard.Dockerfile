# The dashboard: Blazor Server pages, REST API, SignalR hub, Orleans client.
# Built from the repository root:  docker build -f deploy/docker/dashboard.Dockerfile -t actorwelfare/dashboard .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The build bundles bootstrap-italia from npm (dashboard/package-lock.json): it needs Node.js and npm.
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY domain/ActorWelfare.Domain.csproj domain/
COPY tools/wire-format/ActorWelfare.WireFormat.csproj tools/wire-format/
COPY grain-interfaces/ActorWelfare.GrainInterfaces.csproj grain-interfaces/
COPY service-defaults/ActorWelfare.ServiceDefaults.csproj service-defaults/
COPY dashboard/ActorWelfare.Dashboard.csproj dashboard/package.json dashboard/package-lock.json dashboard/
RUN dotnet restore dashboard/ActorWelfare.Dashboard.csproj && cd dashboard && npm ci --no-audit --no-fund --loglevel=error
COPY domain/ domain/
COPY tools/wire-format/ tools/wire-format/
COPY grain-interfaces/ grain-interfaces/
COPY service-defaults/ service-defaults/
COPY dashboard/ dashboard/
COPY deploy/territories/ deploy/territories/
RUN dotnet publish dashboard/ActorWelfare.Dashboard.csproj -c Release -o /app --no-restore --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# Production by default: HTTPS-only cookies, HSTS, no demo accounts. TLS ends at the ingress or proxy.
# The proxy's X-Forwarded-Proto tells the app a request came over HTTPS (cookies, HSTS, redirection): set
# Access__TrustedProxies to the proxies' addresses (the deployment does), whose forwarded headers alone are believed.
ENV Urls=http://0.0.0.0:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Access__Production=true
EXPOSE 8080
# Where the cluster's TLS certificates are mounted (compose fills a volume here, owned by the app's user).
RUN mkdir -p /certs && chown "$APP_UID" /certs
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "ActorWelfare.Dashboard.dll"]
