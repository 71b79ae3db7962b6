-- kam schema, version 14: a big import or the demo indexes its new
-- accounts for search in one statement at the end, not row by row.
--
-- Why: an INSERT that fires triggers runs inside a statement savepoint, and
-- FTS5 writes its pending terms to disk at every savepoint. Row by row that
-- made a tiny index segment per account and merged them over and over: three
-- quarters of a 100,000-account import. While `search_deferred_from` is set
-- (only inside the writing transaction), accounts from that id on are left
-- out of the index by all three triggers, and the writer indexes them all
-- with one INSERT ... SELECT before it commits.
ALTER TABLE journal_state ADD COLUMN search_deferred_from INTEGER;

DROP TRIGGER account_fts_insert;
DROP TRIGGER account_fts_delete;
DROP TRIGGER account_fts_update;

CREATE TRIGGER account_fts_insert AFTER INSERT ON account
WHEN (SELECT search_deferred_from FROM journal_state WHERE only_row = 1) IS NULL
  OR NEW.id < (SELECT search_deferred_from FROM journal_state WHERE only_row = 1)
BEGIN
    INSERT INTO account_fts (rowid, search_chars, search_initials, search_pinyin)
    VALUES (NEW.id, NEW.search_chars, NEW.search_initials, NEW.search_pinyin);
END;

CREATE TRIGGER account_fts_delete AFTER DELETE ON account
WHEN (SELECT search_deferred_from FROM journal_state WHERE only_row = 1) IS NULL
  OR OLD.id < (SELECT search_deferred_from FROM journal_state WHERE only_row = 1)
BEGIN
    INSERT INTO account_fts (account_fts, rowid, search_chars, search_initials, search_pinyin)
    VALUES ('delete', OLD.id, OLD.search_chars, OLD.search_initials, OLD.search_pinyin);
END;

CREATE TRIGGER account_fts_update AFTER UPDATE OF search_chars, search_initials, search_pinyin ON account
WHEN (SELECT search_deferred_from FROM journal_state WHERE only_row = 1) IS NULL
  OR OLD.id < (SELECT search_deferred_from FROM journal_state WHERE only_row = 1)
BEGIN
    INSERT INTO account_fts (account_fts, rowid, search_chars, search_initials, search_pinyin)
    VALUES ('delete', OLD.id, OLD.search_chars, OLD.search_initials, OLD.search_pinyin);
    INSERT INTO account_fts (rowid, search_chars, search_initials, search_pinyin)
    VALUES (NEW.id, NEW.search_chars, NEW.search_initials, NEW.search_pinyin);
END;
