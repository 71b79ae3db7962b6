-- kam schema, version 10: the day a won deal was paid up, so the Maintain
-- column can let old, settled deals go (SPEC §3: "old ones archive out of
-- the column") without adding up every receipt of every deal each frame.
--
-- paid_up_on is a fact kept from other facts, like instalment.settled_on:
-- the day of the last receipt once the receipts of the deal's contracts in
-- force (signed or later, not void) reach their amounts; NULL while money
-- is owed or there is no such contract. Whether a deal has archived is
-- still worked out when read: paid up before a configured number of days
-- ago, and no open complaint on its account.
ALTER TABLE opportunity ADD COLUMN paid_up_on TEXT;
CREATE INDEX opportunity_paid_up ON opportunity (paid_up_on, stage, outcome, amount_cents, probability, account_id)
    WHERE paid_up_on IS NOT NULL;

CREATE VIEW deal_paid_up AS
SELECT o.id AS opportunity_id,
       (SELECT CASE
                 WHEN count(*) > 0
                  AND sum(c.amount_cents)
                      <= sum((SELECT coalesce(sum(r.amount_cents), 0) FROM receipt r WHERE r.contract_id = c.id))
                 THEN (SELECT max(r.received_on) FROM contract d JOIN receipt r ON r.contract_id = d.id
                        WHERE d.opportunity_id = o.id AND d.status NOT IN ('draft', 'void'))
               END
          FROM contract c
         WHERE c.opportunity_id = o.id AND c.status NOT IN ('draft', 'void')) AS paid_up_on
  FROM opportunity o;

UPDATE opportunity SET paid_up_on = (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id)
 WHERE id IN (SELECT opportunity_id FROM contract WHERE opportunity_id IS NOT NULL);

-- Kept on every change of a receipt or a contract. Not while undo or redo
-- puts rows back: they put paid_up_on back as it was with its row. Only a
-- real change is written, so a receipt does not touch a deal needlessly.
CREATE TRIGGER receipt_pays_up_insert AFTER INSERT ON receipt
WHEN (SELECT replaying FROM journal_state WHERE only_row = 1) = 0
BEGIN
    UPDATE opportunity SET paid_up_on = (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id)
     WHERE id = (SELECT opportunity_id FROM contract WHERE id = NEW.contract_id)
       AND paid_up_on IS NOT (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id);
END;
CREATE TRIGGER receipt_pays_up_delete AFTER DELETE ON receipt
WHEN (SELECT replaying FROM journal_state WHERE only_row = 1) = 0
BEGIN
    UPDATE opportunity SET paid_up_on = (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id)
     WHERE id = (SELECT opportunity_id FROM contract WHERE id = OLD.contract_id)
       AND paid_up_on IS NOT (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id);
END;
CREATE TRIGGER receipt_pays_up_update AFTER UPDATE OF contract_id, received_on, amount_cents ON receipt
WHEN (SELECT replaying FROM journal_state WHERE only_row = 1) = 0
BEGIN
    UPDATE opportunity SET paid_up_on = (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id)
     WHERE id IN (SELECT opportunity_id FROM contract WHERE id IN (OLD.contract_id, NEW.contract_id))
       AND paid_up_on IS NOT (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id);
END;
CREATE TRIGGER contract_pays_up_insert AFTER INSERT ON contract
WHEN NEW.opportunity_id IS NOT NULL AND (SELECT replaying FROM journal_state WHERE only_row = 1) = 0
BEGIN
    UPDATE opportunity SET paid_up_on = (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id)
     WHERE id = NEW.opportunity_id
       AND paid_up_on IS NOT (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id);
END;
CREATE TRIGGER contract_pays_up_delete AFTER DELETE ON contract
WHEN OLD.opportunity_id IS NOT NULL AND (SELECT replaying FROM journal_state WHERE only_row = 1) = 0
BEGIN
    UPDATE opportunity SET paid_up_on = (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id)
     WHERE id = OLD.opportunity_id
       AND paid_up_on IS NOT (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id);
END;
CREATE TRIGGER contract_pays_up_update AFTER UPDATE OF opportunity_id, amount_cents, status ON contract
WHEN (SELECT replaying FROM journal_state WHERE only_row = 1) = 0
BEGIN
    UPDATE opportunity SET paid_up_on = (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id)
     WHERE id IN (OLD.opportunity_id, NEW.opportunity_id)
       AND paid_up_on IS NOT (SELECT p.paid_up_on FROM deal_paid_up p WHERE p.opportunity_id = opportunity.id);
END;
