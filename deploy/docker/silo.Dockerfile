# The silo: grains, PostgreSQL storage and clustering, schema migrations, health and metrics.
# Built from the repository root:  docker build -f deploy/docker/silo.Dockerfile -t actorwelfare/silo .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so the restore layer is reused while only code changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY domain/ActorWelfare.Domain.csproj domain/
COPY tools/wire-format/ActorWelfare.WireFormat.csproj tools/wire-format/
COPY grain-interfaces/ActorWelfare.GrainInterfaces.csproj grain-interfaces/
COPY grains/ActorWelfare.Grains.csproj grains/
COPY service-defaults/ActorWelfare.ServiceDefaults.csproj service-defaults/
COPY silo/ActorWelfare.Silo.csproj silo/
RUN dotnet restore silo/ActorWelfare.Silo.csproj
COPY domain/ domain/
COPY tools/wire-format/ tools/wire-format/
COPY grain-interfaces/ grain-interfaces/
COPY grains/ grains/
COPY service-defaults/ service-defaults/
COPY silo/ silo/
COPY deploy/sql/ deploy/sql/
COPY deploy/territories/ deploy/territories/
COPY deploy/datasets/*.json deploy/datasets/
RUN dotnet publish silo/ActorWelfare.Silo.csproj -c Release -o /app --no-restore --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl only for the container health check.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# Listen on every interface inside the container; the silo announces Silo__AdvertisedIp to the cluster.
ENV Urls=http://0.0.0.0:8081 \
    Silo__SiloPort=11111 \
    Silo__GatewayPort=30000
EXPOSE 8081 11111 30000
# Where the cluster's TLS certificates are mounted (compose fills a volume here, owned by the app's user).
RUN mkdir -p /certs && chown "$APP_UID" /certs
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD curl -fsS http://127.0.0.1:8081/healthz || exit 1
ENTRYPOINT ["dotnet", "ActorWelfare.Silo.dll"]
