-- kam schema, version 6: an activity is a record like any other. It keeps
-- the time of day it happened (an evening entry of a morning visit is not
-- an 18:00 visit), every contact met, and whether its next step — a
-- follow-up, a promise to the customer — was kept by a later activity or
-- done by hand.

-- 'HH:MM' in the rep's local time; NULL when not given (older entries).
ALTER TABLE activity ADD COLUMN occurred_time TEXT
    CHECK (occurred_time IS NULL OR occurred_time GLOB '[0-2][0-9]:[0-5][0-9]');
-- The follow-up (an earlier activity's next step) this activity keeps.
ALTER TABLE activity ADD COLUMN keeps_id INTEGER REFERENCES activity (id) ON DELETE SET NULL;
-- The day this activity's follow-up was marked done by hand.
ALTER TABLE activity ADD COLUMN follow_up_done_on TEXT;
CREATE INDEX activity_by_keeps ON activity (keeps_id) WHERE keeps_id IS NOT NULL;
-- The day the follow-up was closed, kept or done, whichever came first,
-- derived from the two facts above by the store's writes of activities (in
-- the same action, so undo puts it back with them). The agenda finds the
-- open ones in an index of open ones: ten years of kept promises stay out
-- of it.
ALTER TABLE activity ADD COLUMN follow_up_closed_on TEXT;
CREATE INDEX activity_open_follow_ups ON activity (next_on)
    WHERE next_on IS NOT NULL AND next_step <> '' AND follow_up_closed_on IS NULL;

-- Everyone met. `activity.contact_id` stays the first of them, for readers
-- of older files.
CREATE TABLE activity_contact (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    activity_id INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
    contact_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (activity_id, contact_id)
);
CREATE INDEX activity_contact_by_contact ON activity_contact (contact_id);
-- An activity's contacts in the order they were given, without a sort.
CREATE INDEX activity_contact_by_activity ON activity_contact (activity_id, id);
-- (The contact of each older activity is copied in by kam, which makes the
-- new rows' UUIDs.)

-- A corrected activity (another day, account or channel) moves the visit
-- plans of both accounts it touches, as logging and deleting one do.
CREATE TRIGGER visit_relogged AFTER UPDATE OF channel, occurred_on, account_id ON activity
WHEN OLD.channel = 'visit' OR NEW.channel = 'visit'
BEGIN
    UPDATE visit_plan
       SET last_visit_on = (SELECT max(occurred_on) FROM activity
                             WHERE account_id = visit_plan.account_id AND channel = 'visit'),
           next_due_on = date(coalesce((SELECT max(occurred_on) FROM activity
                                         WHERE account_id = visit_plan.account_id AND channel = 'visit'),
                                       planned_from),
                              '+' || cadence_days || ' days')
     WHERE account_id IN (OLD.account_id, NEW.account_id);
END;
