-- kam schema, version 2: the account dossier (competitors, needs with
-- their why-chain), search by name, short name and pinyin, likely-duplicate
-- names, and the change journal behind undo and a later team sync.

ALTER TABLE account ADD COLUMN name_folded TEXT NOT NULL DEFAULT '';
-- Filled by kam (pinyin needs a dictionary): Chinese characters spaced out,
-- pinyin initials and full pinyin, each with their alternatives.
ALTER TABLE account ADD COLUMN search_chars TEXT NOT NULL DEFAULT '';
ALTER TABLE account ADD COLUMN search_initials TEXT NOT NULL DEFAULT '';
ALTER TABLE account ADD COLUMN search_pinyin TEXT NOT NULL DEFAULT '';
CREATE INDEX account_by_folded_name ON account (name_folded);

CREATE VIRTUAL TABLE account_fts USING fts5(
    search_chars, search_initials, search_pinyin,
    content = 'account', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
);
CREATE TRIGGER account_fts_insert AFTER INSERT ON account BEGIN
    INSERT INTO account_fts (rowid, search_chars, search_initials, search_pinyin)
    VALUES (NEW.id, NEW.search_chars, NEW.search_initials, NEW.search_pinyin);
END;
CREATE TRIGGER account_fts_delete AFTER DELETE ON account BEGIN
    INSERT INTO account_fts (account_fts, rowid, search_chars, search_initials, search_pinyin)
    VALUES ('delete', OLD.id, OLD.search_chars, OLD.search_initials, OLD.search_pinyin);
END;
CREATE TRIGGER account_fts_update AFTER UPDATE OF search_chars, search_initials, search_pinyin ON account BEGIN
    INSERT INTO account_fts (account_fts, rowid, search_chars, search_initials, search_pinyin)
    VALUES ('delete', OLD.id, OLD.search_chars, OLD.search_initials, OLD.search_pinyin);
    INSERT INTO account_fts (rowid, search_chars, search_initials, search_pinyin)
    VALUES (NEW.id, NEW.search_chars, NEW.search_initials, NEW.search_pinyin);
END;

CREATE TABLE competitor (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    account_id     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    opportunity_id INTEGER REFERENCES opportunity (id) ON DELETE SET NULL,
    name           TEXT NOT NULL CHECK (length(name) > 0),
    offering       TEXT NOT NULL DEFAULT '',
    strengths      TEXT NOT NULL DEFAULT '',
    weaknesses     TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX competitor_by_account ON competitor (account_id);

-- A need and its why-chain: the stated requirement, then each answer to
-- "why?" (a JSON array of text); the last answer is the real need.
CREATE TABLE need (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    account_id     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    opportunity_id INTEGER REFERENCES opportunity (id) ON DELETE SET NULL,
    stated         TEXT NOT NULL CHECK (length(stated) > 0),
    whys           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(whys)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX need_by_account ON need (account_id);

-- The change journal. Each user action is one row of change_action; while
-- kam records (journal_state.recording = 1, only inside that action's
-- transaction) triggers log every row it inserts, updates (with the old
-- row) and deletes (with the whole row). Undo replays an action backwards;
-- a later sync reads deletions from here.
CREATE TABLE journal_state (
    only_row  INTEGER PRIMARY KEY CHECK (only_row = 1),
    recording INTEGER NOT NULL DEFAULT 0
);
INSERT INTO journal_state (only_row, recording) VALUES (1, 0);

CREATE TABLE change_action (
    id     INTEGER PRIMARY KEY,
    uuid   TEXT NOT NULL UNIQUE,
    label  TEXT NOT NULL,
    at     TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);

CREATE TABLE change_journal (
    id         INTEGER PRIMARY KEY,
    action_id  INTEGER NOT NULL REFERENCES change_action (id) ON DELETE CASCADE,
    table_name TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    old_row    TEXT
);
CREATE INDEX change_journal_by_action ON change_journal (action_id, id);

CREATE TRIGGER account_journal_insert AFTER INSERT ON account WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op) VALUES ((SELECT max(id) FROM change_action), 'account', NEW.id, 'insert');
END;
CREATE TRIGGER account_journal_update AFTER UPDATE ON account WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'account', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'name', OLD.name, 'short_name', OLD.short_name, 'segment', OLD.segment, 'tier', OLD.tier, 'tier_pinned', OLD.tier_pinned, 'region', OLD.region, 'address', OLD.address, 'status', OLD.status, 'credit_rating', OLD.credit_rating, 'annual_purchase_cents', OLD.annual_purchase_cents, 'info_sources', OLD.info_sources, 'notes', OLD.notes, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'name_folded', OLD.name_folded, 'search_chars', OLD.search_chars, 'search_initials', OLD.search_initials, 'search_pinyin', OLD.search_pinyin));
END;
CREATE TRIGGER account_journal_delete AFTER DELETE ON account WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'account', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'name', OLD.name, 'short_name', OLD.short_name, 'segment', OLD.segment, 'tier', OLD.tier, 'tier_pinned', OLD.tier_pinned, 'region', OLD.region, 'address', OLD.address, 'status', OLD.status, 'credit_rating', OLD.credit_rating, 'annual_purchase_cents', OLD.annual_purchase_cents, 'info_sources', OLD.info_sources, 'notes', OLD.notes, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'name_folded', OLD.name_folded, 'search_chars', OLD.search_chars, 'search_initials', OLD.search_initials, 'search_pinyin', OLD.search_pinyin));
END;

CREATE TRIGGER contact_journal_insert AFTER INSERT ON contact WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op) VALUES ((SELECT max(id) FROM change_action), 'contact', NEW.id, 'insert');
END;
CREATE TRIGGER contact_journal_update AFTER UPDATE ON contact WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'contact', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'account_id', OLD.account_id, 'name', OLD.name, 'title', OLD.title, 'phone', OLD.phone, 'email', OLD.email, 'role', OLD.role, 'personal_notes', OLD.personal_notes, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER contact_journal_delete AFTER DELETE ON contact WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'contact', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'account_id', OLD.account_id, 'name', OLD.name, 'title', OLD.title, 'phone', OLD.phone, 'email', OLD.email, 'role', OLD.role, 'personal_notes', OLD.personal_notes, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER competitor_journal_insert AFTER INSERT ON competitor WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op) VALUES ((SELECT max(id) FROM change_action), 'competitor', NEW.id, 'insert');
END;
CREATE TRIGGER competitor_journal_update AFTER UPDATE ON competitor WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'competitor', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'account_id', OLD.account_id, 'opportunity_id', OLD.opportunity_id, 'name', OLD.name, 'offering', OLD.offering, 'strengths', OLD.strengths, 'weaknesses', OLD.weaknesses, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER competitor_journal_delete AFTER DELETE ON competitor WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'competitor', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'account_id', OLD.account_id, 'opportunity_id', OLD.opportunity_id, 'name', OLD.name, 'offering', OLD.offering, 'strengths', OLD.strengths, 'weaknesses', OLD.weaknesses, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER need_journal_insert AFTER INSERT ON need WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op) VALUES ((SELECT max(id) FROM change_action), 'need', NEW.id, 'insert');
END;
CREATE TRIGGER need_journal_update AFTER UPDATE ON need WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'need', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'account_id', OLD.account_id, 'opportunity_id', OLD.opportunity_id, 'stated', OLD.stated, 'whys', OLD.whys, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER need_journal_delete AFTER DELETE ON need WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'need', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'account_id', OLD.account_id, 'opportunity_id', OLD.opportunity_id, 'stated', OLD.stated, 'whys', OLD.whys, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER opportunity_journal_insert AFTER INSERT ON opportunity WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op) VALUES ((SELECT max(id) FROM change_action), 'opportunity', NEW.id, 'insert');
END;
CREATE TRIGGER opportunity_journal_update AFTER UPDATE ON opportunity WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'opportunity', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'account_id', OLD.account_id, 'title', OLD.title, 'stage', OLD.stage, 'outcome', OLD.outcome, 'amount_cents', OLD.amount_cents, 'probability', OLD.probability, 'expected_close_on', OLD.expected_close_on, 'lost_reason', OLD.lost_reason, 'stage_entered_at', OLD.stage_entered_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER opportunity_journal_delete AFTER DELETE ON opportunity WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'opportunity', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'account_id', OLD.account_id, 'title', OLD.title, 'stage', OLD.stage, 'outcome', OLD.outcome, 'amount_cents', OLD.amount_cents, 'probability', OLD.probability, 'expected_close_on', OLD.expected_close_on, 'lost_reason', OLD.lost_reason, 'stage_entered_at', OLD.stage_entered_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER stage_move_journal_insert AFTER INSERT ON stage_move WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op) VALUES ((SELECT max(id) FROM change_action), 'stage_move', NEW.id, 'insert');
END;
CREATE TRIGGER stage_move_journal_update AFTER UPDATE ON stage_move WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'stage_move', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'opportunity_id', OLD.opportunity_id, 'from_stage', OLD.from_stage, 'to_stage', OLD.to_stage, 'moved_at', OLD.moved_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER stage_move_journal_delete AFTER DELETE ON stage_move WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'stage_move', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'opportunity_id', OLD.opportunity_id, 'from_stage', OLD.from_stage, 'to_stage', OLD.to_stage, 'moved_at', OLD.moved_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER activity_journal_insert AFTER INSERT ON activity WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op) VALUES ((SELECT max(id) FROM change_action), 'activity', NEW.id, 'insert');
END;
CREATE TRIGGER activity_journal_update AFTER UPDATE ON activity WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'activity', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'account_id', OLD.account_id, 'opportunity_id', OLD.opportunity_id, 'contact_id', OLD.contact_id, 'occurred_on', OLD.occurred_on, 'channel', OLD.channel, 'purpose', OLD.purpose, 'result', OLD.result, 'next_step', OLD.next_step, 'next_on', OLD.next_on, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER activity_journal_delete AFTER DELETE ON activity WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'activity', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'account_id', OLD.account_id, 'opportunity_id', OLD.opportunity_id, 'contact_id', OLD.contact_id, 'occurred_on', OLD.occurred_on, 'channel', OLD.channel, 'purpose', OLD.purpose, 'result', OLD.result, 'next_step', OLD.next_step, 'next_on', OLD.next_on, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

CREATE TRIGGER daily_summary_journal_insert AFTER INSERT ON daily_summary WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op) VALUES ((SELECT max(id) FROM change_action), 'daily_summary', NEW.id, 'insert');
END;
CREATE TRIGGER daily_summary_journal_update AFTER UPDATE ON daily_summary WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'daily_summary', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'day', OLD.day, 'summary', OLD.summary, 'tomorrow_plan', OLD.tomorrow_plan, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER daily_summary_journal_delete AFTER DELETE ON daily_summary WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'daily_summary', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'day', OLD.day, 'summary', OLD.summary, 'tomorrow_plan', OLD.tomorrow_plan, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;

-- The visit plan follows its account and its visits by trigger; its changes
-- are journaled so that undo puts the cadence back too.
CREATE TRIGGER visit_plan_journal_delete AFTER DELETE ON visit_plan
WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'visit_plan', OLD.account_id, 'delete',
            json_object('account_id', OLD.account_id, 'cadence_days', OLD.cadence_days, 'planned_from', OLD.planned_from, 'last_visit_on', OLD.last_visit_on, 'next_due_on', OLD.next_due_on));
END;
CREATE TRIGGER visit_plan_journal_update AFTER UPDATE ON visit_plan
WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'visit_plan', OLD.account_id, 'update',
            json_object('account_id', OLD.account_id, 'cadence_days', OLD.cadence_days, 'planned_from', OLD.planned_from, 'last_visit_on', OLD.last_visit_on, 'next_due_on', OLD.next_due_on));
END;
