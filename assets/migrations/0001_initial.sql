-- kam schema, version 1: the walking skeleton's tables.
-- Rule for every migration file: never edit one that has shipped; add a new
-- file and append it to MIGRATIONS in src/store/migrations.rs.
--
-- Every record has an integer key for joins, a UUID v7 for a later team sync
-- (many reps' files merged without rewriting keys), and created / updated
-- timestamps in UTC (ISO 8601). Dates are local calendar dates 'YYYY-MM-DD'.
-- Money is integer cents.

PRAGMA application_id = 1262570801; -- 'KAM1': marks the file as kam's

CREATE TABLE account (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL UNIQUE,
    name                  TEXT NOT NULL CHECK (length(name) > 0),
    short_name            TEXT NOT NULL DEFAULT '',
    segment               TEXT NOT NULL DEFAULT '',
    tier                  TEXT NOT NULL DEFAULT 'C' CHECK (tier IN ('A', 'B', 'C')),
    tier_pinned           INTEGER NOT NULL DEFAULT 0 CHECK (tier_pinned IN (0, 1)),
    region                TEXT NOT NULL DEFAULT '',
    address               TEXT NOT NULL DEFAULT '',
    status                TEXT NOT NULL DEFAULT 'prospect'
                          CHECK (status IN ('prospect', 'active', 'dormant', 'lost')),
    credit_rating         TEXT NOT NULL DEFAULT '',
    annual_purchase_cents INTEGER NOT NULL DEFAULT 0 CHECK (annual_purchase_cents >= 0),
    info_sources          TEXT NOT NULL DEFAULT '',
    notes                 TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
-- The accounts table pages by (name, id).
CREATE INDEX account_by_name ON account (name, id);

CREATE TABLE contact (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    account_id     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name           TEXT NOT NULL CHECK (length(name) > 0),
    title          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL DEFAULT 'user'
                   CHECK (role IN ('decision_maker', 'influencer', 'user', 'technical', 'finance', 'gatekeeper')),
    personal_notes TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX contact_by_account ON contact (account_id, name);

CREATE TABLE opportunity (
    id                INTEGER PRIMARY KEY,
    uuid              TEXT NOT NULL UNIQUE,
    account_id        INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    title             TEXT NOT NULL CHECK (length(title) > 0),
    stage             INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 6),
    outcome           TEXT NOT NULL DEFAULT 'open' CHECK (outcome IN ('open', 'won', 'lost')),
    amount_cents      INTEGER NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
    probability       INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    expected_close_on TEXT,
    lost_reason       TEXT NOT NULL DEFAULT '',
    stage_entered_at  TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX opportunity_by_account ON opportunity (account_id, outcome);
-- A board column pages by amount; lost deals are off the board.
CREATE INDEX opportunity_on_board ON opportunity (stage, amount_cents DESC, id DESC)
    WHERE outcome <> 'lost';

-- Each move between stages, for the timeline and the monthly report.
CREATE TABLE stage_move (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    opportunity_id INTEGER NOT NULL REFERENCES opportunity (id) ON DELETE CASCADE,
    from_stage     INTEGER CHECK (from_stage BETWEEN 1 AND 6),
    to_stage       INTEGER NOT NULL CHECK (to_stage BETWEEN 1 AND 6),
    moved_at       TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX stage_move_by_opportunity ON stage_move (opportunity_id, moved_at);
CREATE INDEX stage_move_by_time ON stage_move (moved_at);

-- Column heads of the board (count, amount, weighted amount), kept by
-- triggers so that showing the board never scans the opportunities.
-- weighted_percent_cents = SUM(amount_cents * probability): divide by 100.
CREATE TABLE board_column_total (
    stage                  INTEGER PRIMARY KEY CHECK (stage BETWEEN 1 AND 6),
    deal_count             INTEGER NOT NULL DEFAULT 0,
    amount_cents           INTEGER NOT NULL DEFAULT 0,
    weighted_percent_cents INTEGER NOT NULL DEFAULT 0
);
INSERT INTO board_column_total (stage) VALUES (1), (2), (3), (4), (5), (6);

CREATE TRIGGER opportunity_enters_board AFTER INSERT ON opportunity
WHEN NEW.outcome <> 'lost'
BEGIN
    UPDATE board_column_total
       SET deal_count = deal_count + 1,
           amount_cents = amount_cents + NEW.amount_cents,
           weighted_percent_cents = weighted_percent_cents + NEW.amount_cents * NEW.probability
     WHERE stage = NEW.stage;
END;

CREATE TRIGGER opportunity_leaves_board AFTER DELETE ON opportunity
WHEN OLD.outcome <> 'lost'
BEGIN
    UPDATE board_column_total
       SET deal_count = deal_count - 1,
           amount_cents = amount_cents - OLD.amount_cents,
           weighted_percent_cents = weighted_percent_cents - OLD.amount_cents * OLD.probability
     WHERE stage = OLD.stage;
END;

CREATE TRIGGER opportunity_changes_on_board
AFTER UPDATE OF stage, outcome, amount_cents, probability ON opportunity
BEGIN
    UPDATE board_column_total
       SET deal_count = deal_count - 1,
           amount_cents = amount_cents - OLD.amount_cents,
           weighted_percent_cents = weighted_percent_cents - OLD.amount_cents * OLD.probability
     WHERE stage = OLD.stage AND OLD.outcome <> 'lost';
    UPDATE board_column_total
       SET deal_count = deal_count + 1,
           amount_cents = amount_cents + NEW.amount_cents,
           weighted_percent_cents = weighted_percent_cents + NEW.amount_cents * NEW.probability
     WHERE stage = NEW.stage AND NEW.outcome <> 'lost';
END;

CREATE TABLE activity (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    account_id     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    opportunity_id INTEGER REFERENCES opportunity (id) ON DELETE SET NULL,
    contact_id     INTEGER REFERENCES contact (id) ON DELETE SET NULL,
    occurred_on    TEXT NOT NULL,
    channel        TEXT NOT NULL CHECK (channel IN ('visit', 'phone', 'exhibition', 'technical_exchange',
                                                    'business_event', 'test_samples', 'email_im', 'other')),
    purpose        TEXT NOT NULL DEFAULT '',
    result         TEXT NOT NULL DEFAULT '',
    next_step      TEXT NOT NULL DEFAULT '',
    next_on        TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX activity_by_account ON activity (account_id, occurred_on);
CREATE INDEX activity_by_day ON activity (occurred_on, id);
CREATE INDEX activity_by_opportunity ON activity (opportunity_id) WHERE opportunity_id IS NOT NULL;

-- The yearly visit plan: every account has a cadence; the next visit is due
-- one cadence after the last logged visit (or from the day it was planned).
CREATE TABLE visit_plan (
    account_id    INTEGER PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    cadence_days  INTEGER NOT NULL CHECK (cadence_days BETWEEN 1 AND 3660),
    planned_from  TEXT NOT NULL,
    last_visit_on TEXT,
    next_due_on   TEXT NOT NULL
);
CREATE INDEX visit_plan_by_due ON visit_plan (next_due_on, account_id);

-- A logged visit moves the plan on; deleting one moves it back.
CREATE TRIGGER visit_logged AFTER INSERT ON activity
WHEN NEW.channel = 'visit'
BEGIN
    UPDATE visit_plan
       SET last_visit_on = NEW.occurred_on,
           next_due_on = date(NEW.occurred_on, '+' || cadence_days || ' days')
     WHERE account_id = NEW.account_id
       AND (last_visit_on IS NULL OR last_visit_on <= NEW.occurred_on);
END;

CREATE TRIGGER visit_unlogged AFTER DELETE ON activity
WHEN OLD.channel = 'visit'
BEGIN
    UPDATE visit_plan
       SET last_visit_on = (SELECT max(occurred_on) FROM activity
                             WHERE account_id = OLD.account_id AND channel = 'visit'),
           next_due_on = date(coalesce((SELECT max(occurred_on) FROM activity
                                         WHERE account_id = OLD.account_id AND channel = 'visit'),
                                       planned_from),
                              '+' || cadence_days || ' days')
     WHERE account_id = OLD.account_id;
END;

-- The rep's own words for the day: today's summary and tomorrow's plan.
CREATE TABLE daily_summary (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    day           TEXT NOT NULL UNIQUE,
    summary       TEXT NOT NULL DEFAULT '',
    tomorrow_plan TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
