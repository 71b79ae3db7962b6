-- kam schema, version 13: a record keeps the id another system gave it
-- (`kam import --key COLUMN`), so a weekly export from the company system
-- can be imported again and again: rows already here are found by it (or
-- by their UUID) and skipped or updated, never doubled.
ALTER TABLE account ADD COLUMN external_id TEXT;
ALTER TABLE contact ADD COLUMN external_id TEXT;
ALTER TABLE opportunity ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX account_by_external_id ON account (external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX contact_by_external_id ON contact (external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX opportunity_by_external_id ON opportunity (external_id) WHERE external_id IS NOT NULL;
