-- kam schema, version 5: the daily report lists the follow-ups that fall
-- due on a day; this finds them without reading every activity.
CREATE INDEX activity_by_next_on ON activity (next_on) WHERE next_on IS NOT NULL;
