-- kam schema, version 11: the year's visit plan (SPEC §2, "The plan and the
-- targets"). Each planned visit is a row, made from the account's cadence
-- on working days (or by hand, or from a manager's file), so "done out of
-- planned for the month" has something to count.
--
-- Only facts are stored; the state is worked out when read:
--   done     a logged visit did it (activity_id)
--   skipped  the rep said why not (skip_reason)
--   missed   its day has passed and neither of the above
--   moved    moved to another day (moved_from keeps the first), still to do
--   planned  still to do, on the day first planned
CREATE TABLE planned_visit (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    account_id     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL DEFAULT 'visit'
        CHECK (kind IN ('visit', 'return_visit', 'collection', 'complaint_follow_up')),
    planned_on     TEXT NOT NULL,
    -- HH:MM when the visit has a time; NULL for a day's visit.
    at_time        TEXT,
    -- The day it was first planned for, once it has been moved.
    moved_from     TEXT,
    skip_reason    TEXT NOT NULL DEFAULT '',
    -- The logged visit that did it.
    activity_id    INTEGER REFERENCES activity (id) ON DELETE SET NULL,
    purpose        TEXT NOT NULL DEFAULT '',
    opportunity_id INTEGER REFERENCES opportunity (id) ON DELETE SET NULL,
    -- A collection visit comes before this instalment falls due.
    instalment_id  INTEGER REFERENCES instalment (id) ON DELETE SET NULL,
    -- Made from the cadence: planning again replaces those still ahead and
    -- untouched. Visits planned by hand or imported are never replaced.
    from_cadence   INTEGER NOT NULL DEFAULT 1 CHECK (from_cadence IN (0, 1)),
    -- iCalendar SEQUENCE: grows with every change, so a calendar that
    -- imports the file again updates the event instead of keeping the old.
    sequence       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX planned_visit_by_day ON planned_visit (planned_on, id);
CREATE INDEX planned_visit_by_account ON planned_visit (account_id, planned_on);
-- Still to do, by day: the agenda reads only these.
CREATE INDEX planned_visit_open ON planned_visit (planned_on, id)
    WHERE activity_id IS NULL AND skip_reason = '';
CREATE INDEX planned_visit_by_activity ON planned_visit (activity_id) WHERE activity_id IS NOT NULL;

-- Every change a calendar would show raises the sequence, undo included
-- (a calendar ignores an event whose sequence went down).
CREATE TRIGGER planned_visit_sequence AFTER UPDATE OF planned_on, at_time, skip_reason, activity_id, purpose, kind
    ON planned_visit
WHEN NEW.sequence <= OLD.sequence
BEGIN
    UPDATE planned_visit SET sequence = OLD.sequence + 1 WHERE id = NEW.id;
END;

-- The years planned, so a year is made once and accounts added later get
-- the rest of it.
CREATE TABLE plan_year (
    year           INTEGER PRIMARY KEY,
    planned_at     TEXT NOT NULL
);

-- The month calendar shows what falls due on each day beside the visits:
-- contracts ending, expected closes and complaint deadlines, each read by
-- the range of its own date.
CREATE INDEX contract_by_end ON contract (end_on) WHERE end_on IS NOT NULL AND status <> 'void';
CREATE INDEX opportunity_by_expected_close ON opportunity (expected_close_on)
    WHERE expected_close_on IS NOT NULL AND outcome = 'open';
CREATE INDEX complaint_open_by_deadline ON complaint (respond_by)
    WHERE status IN ('new', 'in_progress', 'waiting');

-- Visits made, by account and by day: whether an account was visited in a
-- month and which visits did no planned one are read from these alone.
CREATE INDEX activity_visit_by_account ON activity (account_id, occurred_on) WHERE channel = 'visit';
CREATE INDEX activity_visit_by_day ON activity (occurred_on) WHERE channel = 'visit';
-- Accounts by tier and status: "A-tier accounts not visited" walks the A
-- tier alone, not every account.
CREATE INDEX account_by_tier ON account (tier, status);
