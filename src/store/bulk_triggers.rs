//! Triggers a big generated write (the demo) does without, and what it
//! does at once instead. Outside a recorded action the journal's triggers
//! record nothing, and the others work out, row by row, sums and days one
//! statement can work out at the end. Inside a recorded action every
//! trigger stays: there the journal needs them.

use super::{Batch, Result};

/// Triggers of the activity tables a batch of many activities does without:
/// the journal's (no-ops outside a recorded action, yet each row pays for
/// asking) and the visit log's (its sums are made again in one statement).
const ACTIVITY_TRIGGERS: &[&str] = &[
    "kam_activity_journal_insert",
    "kam_activity_journal_update",
    "kam_activity_contact_journal_insert",
    "visit_logged",
];

/// Triggers that keep what payments settle: an instalment's settled day
/// and a deal's paid-up day, each worked out again from all its receipts
/// whenever a contract or receipt is added.
const PAYMENT_TRIGGERS: &[&str] = &["contract_pays_up_insert", "receipt_settles_insert", "receipt_pays_up_insert"];

impl Batch<'_> {
    /// Runs `work` with the triggers `names` set aside, then makes them
    /// again from their own definitions and runs `catch_up`, which does at
    /// once what they would have done row by row, inside the same
    /// transaction. Inside a recorded action it just runs `work`.
    fn with_triggers_set_aside<T>(
        &self,
        names: &[&str],
        work: impl FnOnce(&Batch<'_>) -> Result<T>,
        catch_up: impl FnOnce(&Batch<'_>) -> Result<()>,
    ) -> Result<T> {
        let recording: bool =
            self.tx.query_row("SELECT recording FROM journal_state WHERE only_row = 1", [], |r| r.get(0))?;
        if recording {
            return work(self);
        }
        let definitions = self.set_aside("trigger", names)?;
        let out = work(self)?;
        self.make_again(definitions)?;
        catch_up(self)?;
        Ok(out)
    }

    /// Runs `work`, which writes many activities, without the triggers in
    /// `ACTIVITY_TRIGGERS`, then brings each account's last visit and next
    /// due day up to date as `visit_logged` would have.
    pub fn with_activity_triggers_deferred<T>(&self, work: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        self.with_triggers_set_aside(ACTIVITY_TRIGGERS, work, |b| {
            // What `visit_logged` keeps: the latest visit, and the next one
            // due a cadence after it.
            b.tx.execute(
                "UPDATE visit_plan
                    SET last_visit_on = v.last, next_due_on = date(v.last, '+' || visit_plan.cadence_days || ' days')
                   FROM (SELECT account_id, max(occurred_on) AS last FROM activity WHERE channel = 'visit'
                          GROUP BY account_id) AS v
                  WHERE v.account_id = visit_plan.account_id
                    AND (visit_plan.last_visit_on IS NULL OR visit_plan.last_visit_on < v.last)",
                [],
            )?;
            Ok(())
        })
    }

    /// Runs `work`, which writes many contracts and receipts, without the
    /// triggers in `PAYMENT_TRIGGERS`, then works out, once, what they
    /// would have left: the settled day of every instalment paid into and
    /// the paid-up day of every deal with a contract (each receipt made
    /// them work out its instalment's and deal's again from all its
    /// receipts).
    pub fn with_payment_triggers_deferred<T>(&self, work: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        self.with_triggers_set_aside(PAYMENT_TRIGGERS, work, |b| {
            b.tx.execute(
                "UPDATE instalment SET settled_on = (
                     SELECT min(r.received_on) FROM receipt r
                      WHERE r.instalment_id = instalment.id
                        AND (SELECT sum(s.amount_cents) FROM receipt s
                              WHERE s.instalment_id = instalment.id AND s.received_on <= r.received_on)
                            >= instalment.amount_cents)
                  WHERE id IN (SELECT instalment_id FROM receipt WHERE instalment_id IS NOT NULL)",
                [],
            )?;
            b.tx.execute(
                "UPDATE opportunity
                    SET paid_up_on = (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id)
                  WHERE id IN (SELECT opportunity_id FROM contract WHERE opportunity_id IS NOT NULL)
                    AND paid_up_on IS NOT (SELECT p.paid_up_on FROM deal_paid_up p
                                            WHERE p.opportunity_id = opportunity.id)",
                [],
            )?;
            Ok(())
        })
    }

    /// Runs `work` without the undo journal's triggers (where they record
    /// nothing). Though they do nothing there, a trigger on a table makes
    /// each INSERT or UPDATE of it a write that may touch more than one
    /// row, and SQLite then copies every page the statement touches into a
    /// statement journal before changing it.
    pub fn without_idle_journal_triggers<T>(&self, work: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        let names: Vec<String> = self
            .tx
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name GLOB 'kam_*_journal_*' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        self.with_triggers_set_aside(&names, work, |_| Ok(()))
    }
}
