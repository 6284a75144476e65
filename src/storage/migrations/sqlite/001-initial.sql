-- Dateline's SQLite schema, version 1: articles and every record extracted from them, each tied
-- to its article (ON DELETE CASCADE) with its character span (UTF-16 offsets into articles.text),
-- GDELT-style event groups, and FTS5 indexes over article text, quotes and event sentences.
-- Applied by src/storage/sqlite/sqlite-migrations.ts inside one transaction.

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  -- `url:<normalised url>` or `sha256:<hex>` (src/storage/article-identity.ts).
  key TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  -- 64-bit SimHash, 16 hex digits; its four 16-bit bands are indexed to find near-duplicates
  -- (two hashes within distance 3 share a band). The bands are NULL for a text too short to
  -- compare (under 20 words), so such an article is never a candidate.
  simhash TEXT NOT NULL,
  simhash_band0 INTEGER,
  simhash_band1 INTEGER,
  simhash_band2 INTEGER,
  simhash_band3 INTEGER,
  -- The first article of the near-duplicate cluster this one belongs to (always a lower id).
  duplicate_of INTEGER REFERENCES articles (id) ON DELETE SET NULL,
  -- The input's own id (`reuters21578-269`, `harbour-talks`).
  external_id TEXT NOT NULL,
  url TEXT,
  title TEXT,
  -- The outlet: the input's source, else the one its dateline names.
  source TEXT,
  -- The article's day (its dateline's, else the input's), ISO.
  published TEXT,
  dateline_place TEXT,
  dateline_country TEXT,
  text TEXT NOT NULL,
  -- The extraction as `dateline extract` writes it, without article.text (kept once, above).
  extraction TEXT NOT NULL,
  stored_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX articles_band0 ON articles (simhash_band0);
CREATE INDEX articles_band1 ON articles (simhash_band1);
CREATE INDEX articles_band2 ON articles (simhash_band2);
CREATE INDEX articles_band3 ON articles (simhash_band3);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);

CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  -- The extraction's own id (`e5`).
  local_id TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  country TEXT,
  title TEXT,
  actor TEXT,
  lat REAL,
  lon REAL,
  aliases TEXT NOT NULL,
  rule TEXT NOT NULL,
  -- The span of the first mention (NULL for an entity with none).
  start INTEGER,
  "end" INTEGER,
  UNIQUE (article_id, local_id)
);

CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  form TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE quotes (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  speaker TEXT,
  speaker_entity TEXT,
  -- The speaker entity's actor code, else its country (`CHNGOV`, `CHN`): whose statement it is.
  speaker_code TEXT,
  cue TEXT NOT NULL,
  form TEXT NOT NULL,
  text TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  sentence_start INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  rule TEXT NOT NULL,
  -- The article's day: when the statement was reported.
  date TEXT
);
CREATE INDEX quotes_article ON quotes (article_id);
CREATE INDEX quotes_speaker_code ON quotes (speaker_code, date);

CREATE TABLE quantities (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  text TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  value REAL NOT NULL,
  unit TEXT NOT NULL,
  measure TEXT,
  period TEXT,
  -- JSON array of alpha-3 codes, as in the extraction; quantity_parties indexes them.
  parties TEXT NOT NULL,
  qualifier TEXT,
  rule TEXT NOT NULL,
  -- The article's day.
  date TEXT
);
CREATE INDEX quantities_article ON quantities (article_id);

CREATE TABLE quantity_parties (
  quantity_id INTEGER NOT NULL REFERENCES quantities (id) ON DELETE CASCADE,
  party TEXT NOT NULL,
  PRIMARY KEY (party, quantity_id)
) WITHOUT ROWID;
CREATE INDEX quantity_parties_quantity ON quantity_parties (quantity_id);

CREATE TABLE dates (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  text TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  value TEXT NOT NULL,
  grain TEXT NOT NULL,
  certainty TEXT NOT NULL,
  rule TEXT NOT NULL
);
CREATE INDEX dates_article ON dates (article_id);

CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  place TEXT,
  country TEXT,
  magnitude REAL,
  deaths INTEGER,
  injured INTEGER,
  date TEXT,
  rule TEXT NOT NULL
);
CREATE INDEX incidents_article ON incidents (article_id);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  local_id TEXT NOT NULL,
  -- CAMEO codes stay text ('036').
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  root TEXT NOT NULL,
  quad_class INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  source_name TEXT,
  target_name TEXT,
  source_entity TEXT,
  target_entity TEXT,
  -- The date value as extracted ('2023-12-20', '2024', '2023-01-01/2023-11-30') and the first
  -- and last day it covers, which the date filters compare.
  date TEXT,
  date_from TEXT,
  date_to TEXT,
  place TEXT,
  sentence TEXT NOT NULL,
  sentence_start INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  trigger TEXT NOT NULL,
  trigger_start INTEGER NOT NULL,
  trigger_end INTEGER NOT NULL,
  rule TEXT NOT NULL,
  mode TEXT NOT NULL,
  quote TEXT,
  -- `${date ?? ''}|${source}|${target}|${code}` (src/storage/event-fields.ts).
  event_key TEXT NOT NULL
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_source ON events (source, target);
CREATE INDEX events_target ON events (target, source);
CREATE INDEX events_code ON events (code);
CREATE INDEX events_date ON events (date_from);
CREATE INDEX events_place ON events (place COLLATE NOCASE);
CREATE INDEX events_key ON events (event_key);

-- One row per event key: GDELT's NumMentions (every stored report), NumSources (distinct
-- outlets; an article with no known outlet counts as one "unknown" outlet) and NumArticles
-- (distinct stories: a near-duplicate counts with the article it copies). Recomputed by put()
-- for every key it touches, in the same transaction.
CREATE TABLE event_groups (
  event_key TEXT PRIMARY KEY,
  num_mentions INTEGER NOT NULL,
  num_sources INTEGER NOT NULL,
  num_articles INTEGER NOT NULL
) WITHOUT ROWID;

-- Full-text search: external-content FTS5 tables kept in step by triggers, so every write to the
-- content table updates its index in the same transaction.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text, content = 'articles', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5 (
  text, speaker, content = 'quotes', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts (rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker)
    VALUES ('delete', old.id, old.text, old.speaker);
END;

CREATE VIRTUAL TABLE events_fts USING fts5 (
  sentence, content = 'events', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
  INSERT INTO events_fts (rowid, sentence) VALUES (new.id, new.sentence);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, sentence) VALUES ('delete', old.id, old.sentence);
END;

-- A title hit weighs twice a body hit: `ORDER BY rank` then lets FTS5 sort and stop at LIMIT.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');

-- Actors with the names they were read from, counted as event source and target: what
-- `actors()` lists without grouping every event. put() adds an article's events and subtracts a
-- replaced article's in the same transaction. An unnamed actor has the name ''.
CREATE TABLE actor_names (
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  as_source INTEGER NOT NULL,
  as_target INTEGER NOT NULL,
  PRIMARY KEY (code, name)
) WITHOUT ROWID;
