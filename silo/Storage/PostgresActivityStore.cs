using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Keys;
using ActorWelfare.Quartieri;
using ActorWelfare.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ActorWelfare.Silo.Storage;

/// <summary>Activity states in the <c>activity</c> table and their audit in <c>activity_audit</c>.</summary>
public sealed class PostgresActivityStore(NpgsqlDataSource database) : IActivityStore
{
    public async Task<ActivityRecord?> LoadAsync(string city, ActivityKind kind, string id, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand("SELECT record FROM activity WHERE city = $1 AND kind = $2 AND id = $3");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = GrainKeys.KindId(kind) });
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteScalarAsync(ct) is string json ? ActivityJson.ReadRecord(json) : null;
    }

    public async Task<IReadOnlyList<ActivityRecord>> LoadManyAsync(string city, IReadOnlyCollection<ActivityRef> activities, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand(
            "SELECT record FROM activity WHERE city = $1 AND (kind, id) IN (SELECT * FROM unnest($2::text[], $3::text[]))");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = activities.Select(a => GrainKeys.KindId(a.Kind)).ToArray() });
        command.Parameters.Add(new() { Value = activities.Select(a => a.Id).ToArray() });
        return await ReadRecordsAsync(command, ct);
    }

    public Task<(SaveOutcome Outcome, int? ClosedYear)> SaveAsync(ActivityRecord record, long expectedVersion, AuditEntry audit,
        IReadOnlyCollection<int> altersYears, CancellationToken ct = default) =>
        SaveTogetherAsync([new ActivityWrite(record, expectedVersion, audit)], altersYears, ct);

    /// <summary>
    /// One round trip, the commit included: the years' shared locks, then one statement per activity that writes its
    /// last record (if the stored version is still the one its first write expected) and the audit row of every
    /// version it went through, the first of them also checking the closed years. The batch is sent without BEGIN, so
    /// PostgreSQL runs it as one implicit transaction and commits it as it ends; a statement that finds the save refused
    /// raises (migration 0024: its SQLSTATE says why), which rolls the whole batch back.
    /// </summary>
    public async Task<(SaveOutcome Outcome, int? ClosedYear)> SaveTogetherAsync(IReadOnlyList<ActivityWrite> writes,
        IReadOnlyCollection<int> altersYears, CancellationToken ct = default)
    {
        var city = writes[0].Record.City;
        var groups = writes.GroupBy(w => (w.Record.Kind, w.Record.Id)).Select(g => g.ToList()).ToList();
        // Within one activity each write expects the version the one before it leaves, or none is stored.
        if (groups.Any(g => g.Skip(1).Select((w, i) => w.ExpectedVersion != g[i].Record.Version).Any(broken => broken))) return (SaveOutcome.Conflict, null);

        // No connection held while waiting: on the multiplexed pool the batch goes out with other grains' statements.
        await using var batch = database.CreateBatch();
        var years = altersYears.Distinct().Order().ToArray();
        if (years.Length > 0)
        {
            // Shared locks on the years: a close (exclusive) waits for this save, or this save waits for the close
            // and then sees it (a statement of its own, so its snapshot is taken after the locks are held).
            batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock_shared(hashtext('aw-year:' || $1), y) FROM unnest($2::int[]) AS y", city, years));
        }
        // The closed years are checked by the first write, in its snapshot (taken after the locks are held).
        for (var i = 0; i < groups.Count; i++) batch.BatchCommands.Add(Write(groups[i], i == 0 && years.Length > 0 ? years : null));
        try
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == YearClosedState)
        {
            return (SaveOutcome.YearClosed, int.Parse(e.MessageText["closed year ".Length..], CultureInfo.InvariantCulture));
        }
        catch (PostgresException e) when (e.SqlState == VersionMovedState)
        {
            return (SaveOutcome.Conflict, null);
        }
        return (SaveOutcome.Saved, null);
    }

    /// <summary>The SQLSTATEs of <c>aw_refuse_save</c> (migration 0024).</summary>
    private const string YearClosedState = "AWYRC", VersionMovedState = "AWCON";

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return command;
    }

    /// <summary>
    /// Successive versions of one activity: the last one stored, an audit row for each; refused (raising) if one of
    /// <paramref name="closedCheck"/>'s years is closed, or if another version was stored first.
    /// </summary>
    private static NpgsqlBatchCommand Write(List<ActivityWrite> versions, int[]? closedCheck)
    {
        var (record, expected) = (versions[^1].Record, versions[0].ExpectedVersion);
        // The last version's JSON is the record stored and the last audit row's "after": sent once, as $19's last element.
        var write = expected == 0
            ? """
              INSERT INTO activity (city, kind, id, version, deleted, start_year, end_year, quartieri, record, updated_at, organisations)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, ($19::jsonb[])[cardinality($19::jsonb[])], $9, $10) ON CONFLICT DO NOTHING RETURNING 1
              """
            : """
              UPDATE activity SET version = $4, deleted = $5, start_year = $6, end_year = $7, quartieri = $8,
                  record = ($19::jsonb[])[cardinality($19::jsonb[])], updated_at = $9, organisations = $10
              WHERE city = $1 AND kind = $2 AND id = $3 AND version = $11 RETURNING 1
              """;
        // Nothing written (another version stored first) writes no audit row either, and refuses the save; a closed
        // year refuses it first (the writes above are then rolled back with the rest).
        var closed = closedCheck is null ? "SELECT NULL::int AS year" : "SELECT min(year) AS year FROM closed_year WHERE city = $1 AND year = ANY($20::int[])";
        var command = new NpgsqlBatchCommand($"""
            WITH closed AS ({closed}), written AS ({write}), audited AS (
                INSERT INTO activity_audit (city, kind, id, version, at, actor_id, actor_name, command, change, before, after)
                SELECT $1, $2, $3, a.version, a.at, a.actor_id, a.actor_name, a.command, a.change, a.before, a.after
                FROM written, unnest($12::bigint[], $13::timestamptz[], $14::text[], $15::text[], $16::text[], $17::jsonb[], $18::jsonb[], $19::jsonb[])
                    WITH ORDINALITY AS a(version, at, actor_id, actor_name, command, change, before, after, n)
                ORDER BY a.n
                RETURNING 1)
            SELECT CASE
                WHEN closed.year IS NOT NULL THEN aw_refuse_save('year-closed', closed.year::text)
                WHEN (SELECT count(*) FROM audited) <> cardinality($12::bigint[]) THEN aw_refuse_save('version-moved', $1 || '/' || $2 || '/' || $3)
            END FROM closed
            """);
        // Each version's JSON once: it is that version's "after" and the next one's "before".
        var json = versions.Select(v => ActivityJson.Write(v.Record)).ToArray();
        string? BeforeOf(int i) => versions[i].Audit.Before switch
        {
            null => null,
            var before when i > 0 && ReferenceEquals(before, versions[i - 1].Record) => json[i - 1],
            var before => ActivityJson.Write(before),
        };
        void Add(object? value, NpgsqlDbType? type = null)
        {
            var parameter = new NpgsqlParameter { Value = value ?? DBNull.Value };
            if (type is { } t) parameter.NpgsqlDbType = t;
            command.Parameters.Add(parameter);
        }
        Add(record.City);
        Add(GrainKeys.KindId(record.Kind));
        Add(record.Id);
        Add(record.Version);
        Add(record.Deleted);
        Add(record.Profile.StartYear);
        Add(record.Profile.EndYear, NpgsqlDbType.Integer);
        Add(record.IndexedDistricts().ToArray());
        Add(record.UpdatedAt);
        Add(record.IndexedOrganisations().ToArray());
        Add(expected);
        Add(versions.Select(v => v.Record.Version).ToArray());
        Add(versions.Select(v => v.Audit.At).ToArray());
        Add(versions.Select(v => v.Audit.Actor.UserId).ToArray());
        Add(versions.Select(v => v.Audit.Actor.Name).ToArray());
        Add(versions.Select(v => v.Audit.Command).ToArray());
        Add(versions.Select(v => v.Audit.ChangeJson).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb);
        Add(versions.Select((_, i) => BeforeOf(i)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb);
        Add(json, NpgsqlDbType.Array | NpgsqlDbType.Jsonb);
        if (closedCheck is not null) Add(closedCheck);
        return command;
    }

    public async Task SetYearClosedAsync(string city, int year, bool closed, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('aw-year:' || $1), $2)", connection, transaction))
        {
            take.Parameters.Add(new() { Value = city });
            take.Parameters.Add(new() { Value = year });
            await take.ExecuteNonQueryAsync(ct);
        }
        await using var command = new NpgsqlCommand(closed
            ? "INSERT INTO closed_year (city, year) VALUES ($1, $2) ON CONFLICT DO NOTHING"
            : "DELETE FROM closed_year WHERE city = $1 AND year = $2", connection, transaction);
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
        await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<ActivityRef>> ListQuartiereAsync(string city, string quartiere, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand(
            "SELECT kind, id FROM activity WHERE city = $1 AND $2 = ANY(quartieri) AND NOT deleted ORDER BY kind, id COLLATE \"C\"");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = quartiere });
        var list = new List<ActivityRef>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(new ActivityRef(GrainKeys.ParseKind(reader.GetString(0)), reader.GetString(1)));
        return [.. list.OrderBy(r => r.Kind).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<ActivityRecord>> ListOrganisationAsync(string city, string organisation, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand(
            "SELECT record FROM activity WHERE city = $1 AND organisations @> ARRAY[$2] AND NOT deleted ORDER BY kind, id COLLATE \"C\"");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = organisation });
        return await ReadRecordsAsync(command, ct);
    }

    // The year and the ones NET.CONT looks back to (an activity that ended then still says who was active).
    private static readonly string TouchesYear =
        $"city = $1 AND start_year <= $2 AND (end_year IS NULL OR end_year >= $2 - {ActorWelfare.Domain.ContributionVector.ContinuityYears})";

    public async Task<IReadOnlyList<ActivityRecord>> LoadCityYearAsync(string city, int year, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand($"SELECT record FROM activity WHERE {TouchesYear}");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
        return await ReadRecordsAsync(command, ct);
    }

    private static async Task<IReadOnlyList<ActivityRecord>> ReadRecordsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var list = new List<ActivityRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(ActivityJson.ReadRecord(reader.GetString(0)));
        return list;
    }

    public async Task<IReadOnlyDictionary<string, long>> VersionsAsync(string city, int year, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand($"SELECT kind, id, version FROM activity WHERE {TouchesYear}");
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = year });
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            versions[GrainKeys.Activity(city, GrainKeys.ParseKind(reader.GetString(0)), reader.GetString(1))] = reader.GetInt64(2);
        return versions;
    }

    /// <remarks>
    /// The horizon is the oldest transaction still running when the first statement took its snapshot: every transaction
    /// before it has ended, so the second statement (a later snapshot) sees all it wrote. What changed is what the audit
    /// rows of transactions from <paramref name="since"/> on name (<c>activity_audit.txid</c>, migration 0021), below the
    /// second snapshot's xmax: rows it cannot see yet are read by the next call, and rows numbered by another server (a
    /// restored dump) are not read again and again.
    /// </remarks>
    public async Task<StoreChanges> ChangesAsync(string city, int year, long? since, CancellationToken ct = default)
    {
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint"));
        if (since is { } from)
        {
            var changed = new NpgsqlBatchCommand($"""
                SELECT kind, id, version, {TouchesYear} FROM activity
                WHERE city = $1 AND (kind, id) IN (SELECT kind, id FROM activity_audit WHERE city = $1 AND txid >= $3::text::xid8
                    AND txid < pg_snapshot_xmax(pg_current_snapshot()))
                """);
            changed.Parameters.Add(new() { Value = city });
            changed.Parameters.Add(new() { Value = year });
            changed.Parameters.Add(new() { Value = from.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            batch.BatchCommands.Add(changed);
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var horizon = reader.GetInt64(0);
        var versions = new List<StoredVersion>();
        if (await reader.NextResultAsync(ct))
            while (await reader.ReadAsync(ct))
                versions.Add(new(GrainKeys.Activity(city, GrainKeys.ParseKind(reader.GetString(0)), reader.GetString(1)), reader.GetInt64(2), reader.GetBoolean(3)));
        return new StoreChanges(horizon, versions);
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(string city, ActivityKind kind, string id, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand("""
            SELECT version, at, actor_id, actor_name, command, change::text, before::text, after::text
            FROM activity_audit WHERE city = $1 AND kind = $2 AND id = $3 ORDER BY version
            """);
        command.Parameters.Add(new() { Value = city });
        command.Parameters.Add(new() { Value = GrainKeys.KindId(kind) });
        command.Parameters.Add(new() { Value = id });
        var list = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new AuditEntry(city, kind, id, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1),
                new Actor(reader.GetString(2), reader.GetString(3)), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : ActivityJson.ReadRecord(reader.GetString(6)), ActivityJson.ReadRecord(reader.GetString(7))));
        return list;
    }
}
