-- kam schema, version 7: accounts in the order a Chinese reader expects.
-- Chinese names sort by their pinyin (北京 before 上海), mixed with Latin
-- names by letter; code-point order put 上海 before 北京. kam computes the
-- key (SQL has no pinyin) and fills it for the accounts already there.
ALTER TABLE account ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
CREATE INDEX account_by_sort_name ON account (sort_name, id);
