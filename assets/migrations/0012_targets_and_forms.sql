-- kam schema, version 12: the four management forms (SPEC §2 "The plan and
-- the targets", §6). Targets by month, the rep's own words for a month,
-- the manager's manual assessment scores, and forms as they were sent.

-- The month's targets. A quarter or a year is the sum of its months.
CREATE TABLE target (
    id                INTEGER PRIMARY KEY,
    uuid              TEXT NOT NULL UNIQUE,
    -- YYYY-MM
    month             TEXT NOT NULL UNIQUE,
    sales_cents       INTEGER NOT NULL DEFAULT 0 CHECK (sales_cents >= 0),
    collections_cents INTEGER NOT NULL DEFAULT 0 CHECK (collections_cents >= 0),
    visits            INTEGER NOT NULL DEFAULT 0 CHECK (visits >= 0),
    new_accounts      INTEGER NOT NULL DEFAULT 0 CHECK (new_accounts >= 0),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

-- The rep's words in the monthly report: this month's work, next month's
-- plan, problems met and support needed.
CREATE TABLE month_words (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    month       TEXT NOT NULL UNIQUE,
    work        TEXT NOT NULL DEFAULT '',
    next_plan   TEXT NOT NULL DEFAULT '',
    problems    TEXT NOT NULL DEFAULT '',
    support     TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- A manual assessment item as scored: points 0-100, who set them and why.
CREATE TABLE assessment_score (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    month       TEXT NOT NULL,
    item        TEXT NOT NULL CHECK (length(item) > 0),
    points      INTEGER NOT NULL CHECK (points BETWEEN 0 AND 100),
    set_by      TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (month, item)
);

-- A form as it was sent: the typed form, as JSON, frozen. Later changes to
-- the data do not touch it; sending again adds the next version.
CREATE TABLE submitted_form (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('monthly', 'assessment')),
    month        TEXT NOT NULL,
    version      INTEGER NOT NULL CHECK (version >= 1),
    body         TEXT NOT NULL,
    -- Set when the rep starts a new draft after sending: the form shows
    -- the live figures again until it is sent once more.
    reopened     INTEGER NOT NULL DEFAULT 0 CHECK (reopened IN (0, 1)),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (kind, month, version)
);

-- The forms read each month by the range of its own dates.
CREATE INDEX opportunity_won_by_day ON opportunity (closed_on, amount_cents, account_id) WHERE outcome = 'won';
CREATE INDEX opportunity_lost_by_day ON opportunity (closed_on, lost_reason, amount_cents, stage) WHERE outcome = 'lost';
CREATE INDEX account_by_created ON account (created_at);
CREATE INDEX contract_by_signed ON contract (signed_on, status, amount_cents) WHERE signed_on IS NOT NULL;
CREATE INDEX receipt_by_day_amount ON receipt (received_on, amount_cents, contract_id);
CREATE INDEX survey_by_day ON survey (surveyed_on);
CREATE INDEX complaint_by_received ON complaint (received_on);
CREATE INDEX complaint_by_closed ON complaint (closed_on) WHERE closed_on IS NOT NULL;
CREATE INDEX activity_return_visits ON activity (occurred_on) WHERE return_visit = 1;
-- Activities of a month by channel and by their account, read from the
-- index alone.
CREATE INDEX activity_by_day_channel ON activity (occurred_on, channel, account_id);
-- The month's moves between stages, read from the index alone.
CREATE INDEX stage_move_flow ON stage_move (moved_at, outcome, from_stage, to_stage);
-- The contracts owed money, and what each open instalment is, from the
-- index alone (the collection progress starts here).
CREATE INDEX instalment_open_by_contract ON instalment (contract_id, due_on, amount_cents)
    WHERE settled_on IS NULL AND void = 0;
-- What a contract received by a day, from the index alone.
CREATE INDEX receipt_by_contract_amount ON receipt (contract_id, received_on, amount_cents);
-- Which accounts were visited on which days, from the index alone.
CREATE INDEX activity_visit_day_account ON activity (occurred_on, account_id) WHERE channel = 'visit';
-- An account's tier and status beside its id, small enough to stay in
-- memory: a month's activities count by tier without reading the accounts.
CREATE INDEX account_tier_of ON account (id, tier, status);
