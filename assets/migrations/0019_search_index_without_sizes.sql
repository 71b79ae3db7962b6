-- kam schema, version 19: the accounts' search index keeps no sizes of
-- its documents (FTS5 `columnsize=0`).
--
-- Why: FTS5 keeps, for each account, how many tokens each column of its
-- search text has, in a table of its own (`account_fts_docsize`), for
-- ranking by bm25. kam ranks matches itself (`domain::search::match_rank`)
-- and never asks FTS5 for a rank, so that was a row written for every
-- account added, and for a first import of 100,000 accounts 100,000 rows
-- copied from the search draft (`store::search_draft`). The index itself,
-- the tokens and prefixes, is the same; it is rebuilt here from the
-- accounts' search text, which does not change.
DROP TABLE account_fts;
CREATE VIRTUAL TABLE account_fts USING fts5(
    search_chars, search_initials, search_pinyin,
    content = 'account', content_rowid = 'id', columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
);
INSERT INTO account_fts (account_fts) VALUES ('rebuild');
