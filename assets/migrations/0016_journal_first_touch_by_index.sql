-- kam schema, version 16: the journal keeps a row's first image by a
-- unique index instead of a look back into itself.
--
-- Why: each generated journal trigger inserted into change_journal from a
-- SELECT that read change_journal (`WHERE NOT EXISTS ...`). SQLite then
-- copies the SELECT's result into a temporary table before inserting, for
-- every row a recorded action touches: a tenth of a 100,000-account
-- import went into opening and dropping those tables.
--
-- The generated triggers (`journal_triggers.rs`) now insert with
-- `ON CONFLICT DO NOTHING` against this index, which keeps the first image
-- of a row in an action just as the look back did (`INSERT OR IGNORE`
-- would not: a foreign key's cascade runs its triggers with ABORT).
-- Journals written before version 4 may hold more than one image of a row
-- in an action; the first, the one undo puts back, is kept.
DELETE FROM change_journal
 WHERE id NOT IN (SELECT min(id) FROM change_journal GROUP BY action_id, table_name, row_id);
DROP INDEX IF EXISTS change_journal_by_row;
CREATE UNIQUE INDEX change_journal_by_row ON change_journal (action_id, table_name, row_id);
