-- Time in the model (issue 14): an activity keeps what it was in each period of years. The record
-- gains "profilesUntil" (the profile up to and including each year; the record's "profile" holds
-- after the last one). Every record stored before this migration had one profile for its whole
-- span, so it becomes a dated record with no earlier periods: today's profile applies to every year
-- of its span, and every figure stays as it was. The audit rows keep the shape they were written
-- in (a record without "profilesUntil" reads as one with no earlier periods).
UPDATE activity
SET record = record || '{"profilesUntil": {}}'::jsonb
WHERE NOT record ? 'profilesUntil';

-- The quartieri column lists every quartiere the activity is in, in any of its years (the quartiere
-- pages find an activity there in the years it was there).
COMMENT ON COLUMN activity.quartieri IS 'every quartiere of the activity in any year of its span';
