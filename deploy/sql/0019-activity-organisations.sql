-- Organisations as records of their own (issue 18): an organisation's page lists the activities it took
-- part in, and a merge finds the activities that name the merged one. The column lists every organisation
-- the activity names in any of its periods (like "quartieri" for the districts), kept by every save; the
-- stored records are indexed from their JSON once, here.
ALTER TABLE activity ADD COLUMN organisations text[] NOT NULL DEFAULT '{}';

UPDATE activity SET organisations = ARRAY(
    SELECT DISTINCT id FROM (
        SELECT jsonb_path_query(record, '$.profile.organisations[*].organisationId') #>> '{}' AS id
        UNION
        SELECT jsonb_path_query(record, '$.profilesUntil.*.organisations[*].organisationId') #>> '{}'
    ) AS named
    WHERE id IS NOT NULL ORDER BY id);

CREATE INDEX activity_organisations ON activity USING gin (organisations);
COMMENT ON COLUMN activity.organisations IS 'every organisation the activity names in any year of its span';
