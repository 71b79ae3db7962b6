-- kam schema, version 8: after the win (SPEC §2). A won deal becomes a
-- contract; the contract's money is planned in instalments (回款计划) and
-- comes in as receipts (回款记录). Only facts are stored: what was received
-- by a day, what is outstanding and every status (overdue, due soon...)
-- are worked out when read, so they are right offline and never drift.

CREATE TABLE contract (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    account_id     INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    -- The won deal it came from, if any.
    opportunity_id INTEGER REFERENCES opportunity (id) ON DELETE SET NULL,
    -- The signatory on the customer side.
    signatory_id   INTEGER REFERENCES contact (id) ON DELETE SET NULL,
    -- 合同编号; may be blank, unique when given (imports find contracts by it).
    number         TEXT NOT NULL DEFAULT '',
    title          TEXT NOT NULL CHECK (length(title) > 0),
    signed_on      TEXT,
    start_on       TEXT,
    end_on         TEXT,
    amount_cents   INTEGER NOT NULL CHECK (amount_cents >= 0),
    -- The payment terms as written ("30/60/10", "预付30%，验收后60%...").
    terms          TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'signed', 'in_progress', 'fulfilled', 'closed', 'void')),
    void_reason    TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX contract_by_account ON contract (account_id, id);
CREATE INDEX contract_by_opportunity ON contract (opportunity_id) WHERE opportunity_id IS NOT NULL;
CREATE UNIQUE INDEX contract_by_number ON contract (number) WHERE number <> '';

CREATE TABLE instalment (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    contract_id    INTEGER NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL CHECK (seq >= 1),
    -- 预付款, 到货款, 验收款, 质保金...
    label          TEXT NOT NULL DEFAULT '',
    due_on         TEXT NOT NULL,
    amount_cents   INTEGER NOT NULL CHECK (amount_cents > 0),
    method         TEXT NOT NULL DEFAULT '',
    -- Days before the due date it counts as due soon.
    warn_days      INTEGER NOT NULL DEFAULT 7 CHECK (warn_days BETWEEN 0 AND 365),
    -- "验收后30天": when it falls due, in the words of the contract.
    condition      TEXT NOT NULL DEFAULT '',
    void           INTEGER NOT NULL DEFAULT 0 CHECK (void IN (0, 1)),
    notes          TEXT NOT NULL DEFAULT '',
    -- The day its receipts first added up to its amount; NULL while money
    -- is still outstanding. Kept by the triggers below from the receipts
    -- (an index, not a status: "overdue on a day" is still worked out from
    -- it and the due date when read), so the open instalments are found in
    -- an index of open ones instead of adding up every receipt ever made.
    settled_on     TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
-- A contract's plan in order. (Not unique: kam numbers new instalments
-- after the last, and an import finds one by its contract and number.)
CREATE INDEX instalment_by_contract ON instalment (contract_id, seq);
CREATE INDEX instalment_open ON instalment (due_on, id) WHERE settled_on IS NULL AND void = 0;
CREATE INDEX instalment_by_settled ON instalment (settled_on) WHERE settled_on IS NOT NULL;
CREATE INDEX instalment_by_due ON instalment (due_on, id);

CREATE TABLE receipt (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    contract_id    INTEGER NOT NULL REFERENCES contract (id) ON DELETE CASCADE,
    -- The instalment it pays (kam applies unassigned money to the oldest
    -- open one when it is recorded); NULL for a contract with no plan.
    instalment_id  INTEGER REFERENCES instalment (id) ON DELETE SET NULL,
    received_on    TEXT NOT NULL,
    amount_cents   INTEGER NOT NULL CHECK (amount_cents > 0),
    -- 支票 cheque, 现金 cash, 电汇 wire, 网上转账 online, 支付宝, 微信支付, 其他.
    method         TEXT NOT NULL DEFAULT '',
    -- Bank serial or 票据号.
    reference      TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX receipt_by_instalment ON receipt (instalment_id, received_on) WHERE instalment_id IS NOT NULL;
CREATE INDEX receipt_by_contract ON receipt (contract_id, received_on);
CREATE INDEX receipt_by_day ON receipt (received_on);

-- settled_on: the first day the receipts of an instalment reach its amount.
-- Not while undo or redo puts rows back: they put settled_on back as it was
-- with its row.
CREATE TRIGGER receipt_settles_insert AFTER INSERT ON receipt
WHEN NEW.instalment_id IS NOT NULL AND (SELECT replaying FROM journal_state WHERE only_row = 1) = 0
BEGIN
    UPDATE instalment SET settled_on = (
        SELECT min(r.received_on) FROM receipt r
         WHERE r.instalment_id = instalment.id
           AND (SELECT sum(s.amount_cents) FROM receipt s
                 WHERE s.instalment_id = instalment.id AND s.received_on <= r.received_on) >= instalment.amount_cents)
     WHERE id = NEW.instalment_id;
END;
CREATE TRIGGER receipt_settles_delete AFTER DELETE ON receipt
WHEN OLD.instalment_id IS NOT NULL AND (SELECT replaying FROM journal_state WHERE only_row = 1) = 0
BEGIN
    UPDATE instalment SET settled_on = (
        SELECT min(r.received_on) FROM receipt r
         WHERE r.instalment_id = instalment.id
           AND (SELECT sum(s.amount_cents) FROM receipt s
                 WHERE s.instalment_id = instalment.id AND s.received_on <= r.received_on) >= instalment.amount_cents)
     WHERE id = OLD.instalment_id;
END;
CREATE TRIGGER receipt_settles_update AFTER UPDATE OF instalment_id, received_on, amount_cents ON receipt
WHEN (SELECT replaying FROM journal_state WHERE only_row = 1) = 0
BEGIN
    UPDATE instalment SET settled_on = (
        SELECT min(r.received_on) FROM receipt r
         WHERE r.instalment_id = instalment.id
           AND (SELECT sum(s.amount_cents) FROM receipt s
                 WHERE s.instalment_id = instalment.id AND s.received_on <= r.received_on) >= instalment.amount_cents)
     WHERE id IN (OLD.instalment_id, NEW.instalment_id);
END;
CREATE TRIGGER instalment_amount_settles AFTER UPDATE OF amount_cents ON instalment
WHEN (SELECT replaying FROM journal_state WHERE only_row = 1) = 0
BEGIN
    UPDATE instalment SET settled_on = (
        SELECT min(r.received_on) FROM receipt r
         WHERE r.instalment_id = NEW.id
           AND (SELECT sum(s.amount_cents) FROM receipt s
                 WHERE s.instalment_id = NEW.id AND s.received_on <= r.received_on) >= NEW.amount_cents)
     WHERE id = NEW.id;
END;
