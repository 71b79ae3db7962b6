-- kam schema, version 9: keeping the customer (SPEC §2, stage 6). What
-- the customer thinks (surveys), what went wrong (complaints), what they
-- object to (objections), and which activities were return visits. Loyalty
-- and risk are worked out from these when read, never typed in.

-- A return visit (回访) is an activity of its own kind, usually carrying a
-- survey.
ALTER TABLE activity ADD COLUMN return_visit INTEGER NOT NULL DEFAULT 0 CHECK (return_visit IN (0, 1));

-- A contract schedules a return visit a week (as configured) after it
-- starts; the return visit that made it is kept, so it leaves the agenda.
ALTER TABLE contract ADD COLUMN return_visit_on TEXT;
ALTER TABLE contract ADD COLUMN return_visit_id INTEGER REFERENCES activity (id) ON DELETE SET NULL;
CREATE INDEX contract_return_visits ON contract (return_visit_on)
    WHERE return_visit_on IS NOT NULL AND return_visit_id IS NULL;

CREATE TABLE complaint (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    -- TS-2026-007
    number         TEXT NOT NULL DEFAULT '',
    account_id     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    contact_id     INTEGER REFERENCES contact (id) ON DELETE SET NULL,
    contract_id    INTEGER REFERENCES contract (id) ON DELETE SET NULL,
    received_on    TEXT NOT NULL,
    channel        TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL DEFAULT 'other' CHECK (category IN ('quality', 'delivery', 'installation',
                       'service', 'price', 'contract', 'billing', 'other')),
    severity       TEXT NOT NULL DEFAULT 'normal' CHECK (severity IN ('normal', 'urgent', 'critical')),
    -- The response deadline promised when it came in (its severity's days
    -- as configured then): a later change of settings moves no promise.
    respond_by     TEXT NOT NULL,
    description    TEXT NOT NULL CHECK (length(description) > 0),
    -- What the customer asks for (诉求).
    demand         TEXT NOT NULL DEFAULT '',
    root_cause     TEXT NOT NULL DEFAULT '',
    action_taken   TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'waiting', 'resolved',
                       'closed', 'rejected', 'duplicate')),
    resolved_on    TEXT,
    closed_on      TEXT,
    -- The return visit closing it scheduled, and the activity that made it.
    return_visit_on TEXT,
    return_visit_id INTEGER REFERENCES activity (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX complaint_by_account ON complaint (account_id, received_on);
-- The open ones, for the flags wherever their account shows.
CREATE INDEX complaint_open ON complaint (account_id, respond_by)
    WHERE status IN ('new', 'in_progress', 'waiting');
CREATE INDEX complaint_return_visits ON complaint (return_visit_on)
    WHERE return_visit_on IS NOT NULL AND return_visit_id IS NULL;

CREATE TABLE survey (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    account_id     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    contact_id     INTEGER REFERENCES contact (id) ON DELETE SET NULL,
    contract_id    INTEGER REFERENCES contract (id) ON DELETE SET NULL,
    complaint_id   INTEGER REFERENCES complaint (id) ON DELETE SET NULL,
    -- The return visit (or other activity) it came from.
    activity_id    INTEGER REFERENCES activity (id) ON DELETE SET NULL,
    surveyed_on    TEXT NOT NULL,
    -- 5 很满意 ... 1 很不满意
    overall        INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
    -- 0-6 detractor, 7-8 passive, 9-10 promoter
    nps            INTEGER CHECK (nps IS NULL OR nps BETWEEN 0 AND 10),
    quality        INTEGER CHECK (quality IS NULL OR quality BETWEEN 1 AND 5),
    delivery       INTEGER CHECK (delivery IS NULL OR delivery BETWEEN 1 AND 5),
    service        INTEGER CHECK (service IS NULL OR service BETWEEN 1 AND 5),
    response       INTEGER CHECK (response IS NULL OR response BETWEEN 1 AND 5),
    feedback       TEXT NOT NULL DEFAULT '',
    follow_up      TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX survey_by_account ON survey (account_id, surveyed_on);

CREATE TABLE objection (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    account_id     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    opportunity_id INTEGER REFERENCES opportunity (id) ON DELETE SET NULL,
    raised_on      TEXT NOT NULL,
    objection      TEXT NOT NULL CHECK (length(objection) > 0),
    answer         TEXT NOT NULL DEFAULT '',
    resolved       INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX objection_by_account ON objection (account_id, raised_on);
