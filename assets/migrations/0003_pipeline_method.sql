-- kam schema, version 3: the pipeline as the method — stage checklists
-- (what each stage needs before the deal moves on), forced moves, outcomes
-- with the reason and the competitor who won, quotes and negotiation rounds.

-- Research needs "a competitor, or none known".
ALTER TABLE account ADD COLUMN no_known_competitor INTEGER NOT NULL DEFAULT 0 CHECK (no_known_competitor IN (0, 1));

-- A probability typed for this deal, instead of the stage's default.
ALTER TABLE opportunity ADD COLUMN probability_pinned INTEGER NOT NULL DEFAULT 0 CHECK (probability_pinned IN (0, 1));
-- The competitor who won a lost deal.
ALTER TABLE opportunity ADD COLUMN lost_to TEXT NOT NULL DEFAULT '';
-- The day a deal was won or lost.
ALTER TABLE opportunity ADD COLUMN closed_on TEXT;
-- Analysis ends with a judgement: go on, or drop it.
ALTER TABLE opportunity ADD COLUMN judgement TEXT NOT NULL DEFAULT '' CHECK (judgement IN ('', 'go', 'no_go'));
-- First contact ends by choosing whom to meet next.
ALTER TABLE opportunity ADD COLUMN next_contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL;
-- The forecast: weighted open amount by month of expected close, kept by
-- triggers so the forecast line never scans the deals.
-- weighted_percent_cents = SUM(amount_cents * probability): divide by 100.
CREATE TABLE forecast_month (
    month                  TEXT PRIMARY KEY,
    weighted_percent_cents INTEGER NOT NULL DEFAULT 0
);
INSERT INTO forecast_month (month, weighted_percent_cents)
SELECT substr(expected_close_on, 1, 7), sum(amount_cents * probability)
  FROM opportunity
 WHERE outcome = 'open' AND expected_close_on IS NOT NULL
 GROUP BY 1;

CREATE TRIGGER opportunity_forecast_insert AFTER INSERT ON opportunity
WHEN NEW.outcome = 'open' AND NEW.expected_close_on IS NOT NULL
BEGIN
    INSERT INTO forecast_month (month, weighted_percent_cents)
    VALUES (substr(NEW.expected_close_on, 1, 7), NEW.amount_cents * NEW.probability)
    ON CONFLICT (month) DO UPDATE SET weighted_percent_cents = weighted_percent_cents + excluded.weighted_percent_cents;
END;

CREATE TRIGGER opportunity_forecast_delete AFTER DELETE ON opportunity
WHEN OLD.outcome = 'open' AND OLD.expected_close_on IS NOT NULL
BEGIN
    UPDATE forecast_month SET weighted_percent_cents = weighted_percent_cents - OLD.amount_cents * OLD.probability
     WHERE month = substr(OLD.expected_close_on, 1, 7);
END;

CREATE TRIGGER opportunity_forecast_update
AFTER UPDATE OF outcome, amount_cents, probability, expected_close_on ON opportunity
BEGIN
    UPDATE forecast_month SET weighted_percent_cents = weighted_percent_cents - OLD.amount_cents * OLD.probability
     WHERE month = substr(OLD.expected_close_on, 1, 7) AND OLD.outcome = 'open';
    INSERT INTO forecast_month (month, weighted_percent_cents)
    SELECT substr(NEW.expected_close_on, 1, 7), NEW.amount_cents * NEW.probability
     WHERE NEW.outcome = 'open' AND NEW.expected_close_on IS NOT NULL
    ON CONFLICT (month) DO UPDATE SET weighted_percent_cents = weighted_percent_cents + excluded.weighted_percent_cents;
END;

-- A move made with the stage's checklist unmet is kept as forced, with the
-- items that were missing; outcomes (won, lost, reopened) are moves too.
ALTER TABLE stage_move ADD COLUMN forced INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0, 1));
ALTER TABLE stage_move ADD COLUMN unmet TEXT NOT NULL DEFAULT '';
ALTER TABLE stage_move ADD COLUMN outcome TEXT CHECK (outcome IN ('won', 'lost', 'reopened'));

CREATE TABLE quote (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    opportunity_id INTEGER NOT NULL REFERENCES opportunity (id) ON DELETE CASCADE,
    quoted_on      TEXT NOT NULL,
    amount_cents   INTEGER NOT NULL CHECK (amount_cents >= 0),
    note           TEXT NOT NULL DEFAULT '',
    -- The method's warning shown when it was recorded ('' none,
    -- 'before_close', 'before_need').
    warning        TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX quote_by_opportunity ON quote (opportunity_id, quoted_on);
CREATE INDEX quote_by_day ON quote (quoted_on);

-- A round of business negotiation, kept as the method asks: who was there
-- (a JSON array of {"name", "role"}), what was agreed, what is still open.
CREATE TABLE negotiation (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    opportunity_id INTEGER NOT NULL REFERENCES opportunity (id) ON DELETE CASCADE,
    held_on        TEXT NOT NULL,
    attendees      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attendees)),
    agreed         TEXT NOT NULL DEFAULT '',
    open_points    TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX negotiation_by_opportunity ON negotiation (opportunity_id, held_on);

-- The journal keeps whole rows: tables with new columns get new triggers.
DROP TRIGGER account_journal_update;
DROP TRIGGER account_journal_delete;
DROP TRIGGER opportunity_journal_update;
DROP TRIGGER opportunity_journal_delete;
DROP TRIGGER stage_move_journal_update;
DROP TRIGGER stage_move_journal_delete;
CREATE TRIGGER account_journal_update AFTER UPDATE ON account WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'account', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'name', OLD.name, 'short_name', OLD.short_name, 'segment', OLD.segment, 'tier', OLD.tier, 'tier_pinned', OLD.tier_pinned, 'region', OLD.region, 'address', OLD.address, 'status', OLD.status, 'credit_rating', OLD.credit_rating, 'annual_purchase_cents', OLD.annual_purchase_cents, 'info_sources', OLD.info_sources, 'notes', OLD.notes, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'name_folded', OLD.name_folded, 'search_chars', OLD.search_chars, 'search_initials', OLD.search_initials, 'search_pinyin', OLD.search_pinyin, 'no_known_competitor', OLD.no_known_competitor));
END;
CREATE TRIGGER account_journal_delete AFTER DELETE ON account WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'account', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'name', OLD.name, 'short_name', OLD.short_name, 'segment', OLD.segment, 'tier', OLD.tier, 'tier_pinned', OLD.tier_pinned, 'region', OLD.region, 'address', OLD.address, 'status', OLD.status, 'credit_rating', OLD.credit_rating, 'annual_purchase_cents', OLD.annual_purchase_cents, 'info_sources', OLD.info_sources, 'notes', OLD.notes, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'name_folded', OLD.name_folded, 'search_chars', OLD.search_chars, 'search_initials', OLD.search_initials, 'search_pinyin', OLD.search_pinyin, 'no_known_competitor', OLD.no_known_competitor));
END;
CREATE TRIGGER opportunity_journal_update AFTER UPDATE ON opportunity WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'opportunity', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'account_id', OLD.account_id, 'title', OLD.title, 'stage', OLD.stage, 'outcome', OLD.outcome, 'amount_cents', OLD.amount_cents, 'probability', OLD.probability, 'expected_close_on', OLD.expected_close_on, 'lost_reason', OLD.lost_reason, 'stage_entered_at', OLD.stage_entered_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'probability_pinned', OLD.probability_pinned, 'lost_to', OLD.lost_to, 'closed_on', OLD.closed_on, 'judgement', OLD.judgement, 'next_contact_id', OLD.next_contact_id));
END;
CREATE TRIGGER opportunity_journal_delete AFTER DELETE ON opportunity WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'opportunity', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'account_id', OLD.account_id, 'title', OLD.title, 'stage', OLD.stage, 'outcome', OLD.outcome, 'amount_cents', OLD.amount_cents, 'probability', OLD.probability, 'expected_close_on', OLD.expected_close_on, 'lost_reason', OLD.lost_reason, 'stage_entered_at', OLD.stage_entered_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'probability_pinned', OLD.probability_pinned, 'lost_to', OLD.lost_to, 'closed_on', OLD.closed_on, 'judgement', OLD.judgement, 'next_contact_id', OLD.next_contact_id));
END;
CREATE TRIGGER stage_move_journal_update AFTER UPDATE ON stage_move WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'stage_move', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'opportunity_id', OLD.opportunity_id, 'from_stage', OLD.from_stage, 'to_stage', OLD.to_stage, 'moved_at', OLD.moved_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'forced', OLD.forced, 'unmet', OLD.unmet, 'outcome', OLD.outcome));
END;
CREATE TRIGGER stage_move_journal_delete AFTER DELETE ON stage_move WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'stage_move', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'opportunity_id', OLD.opportunity_id, 'from_stage', OLD.from_stage, 'to_stage', OLD.to_stage, 'moved_at', OLD.moved_at, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at, 'forced', OLD.forced, 'unmet', OLD.unmet, 'outcome', OLD.outcome));
END;
CREATE TRIGGER quote_journal_insert AFTER INSERT ON quote WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op) VALUES ((SELECT max(id) FROM change_action), 'quote', NEW.id, 'insert');
END;
CREATE TRIGGER quote_journal_update AFTER UPDATE ON quote WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'quote', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'opportunity_id', OLD.opportunity_id, 'quoted_on', OLD.quoted_on, 'amount_cents', OLD.amount_cents, 'note', OLD.note, 'warning', OLD.warning, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER quote_journal_delete AFTER DELETE ON quote WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'quote', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'opportunity_id', OLD.opportunity_id, 'quoted_on', OLD.quoted_on, 'amount_cents', OLD.amount_cents, 'note', OLD.note, 'warning', OLD.warning, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER negotiation_journal_insert AFTER INSERT ON negotiation WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op) VALUES ((SELECT max(id) FROM change_action), 'negotiation', NEW.id, 'insert');
END;
CREATE TRIGGER negotiation_journal_update AFTER UPDATE ON negotiation WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'negotiation', OLD.id, 'update',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'opportunity_id', OLD.opportunity_id, 'held_on', OLD.held_on, 'attendees', OLD.attendees, 'agreed', OLD.agreed, 'open_points', OLD.open_points, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
CREATE TRIGGER negotiation_journal_delete AFTER DELETE ON negotiation WHEN (SELECT recording FROM journal_state WHERE only_row = 1) = 1
BEGIN
    INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
    VALUES ((SELECT max(id) FROM change_action), 'negotiation', OLD.id, 'delete',
            json_object('id', OLD.id, 'uuid', OLD.uuid, 'opportunity_id', OLD.opportunity_id, 'held_on', OLD.held_on, 'attendees', OLD.attendees, 'agreed', OLD.agreed, 'open_points', OLD.open_points, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at));
END;
