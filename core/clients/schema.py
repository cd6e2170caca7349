"""The clients' tables: clients with their tags and search document, and the communication log.

Plain functions; :mod:`zizhi.core.schema` registers every area's migrations in one order.
"""

from __future__ import annotations

from zizhi.core.vocab import CHANNELS, LOG_CHANNELS, SIZES, URGENCIES, sql_in


def m002_clients(db) -> None:
    db.execute(f"""
        CREATE TABLE clients (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            credit_code TEXT UNIQUE,
            contact TEXT,
            phone TEXT,
            email TEXT,
            address TEXT,
            city TEXT,
            business_scope TEXT,
            industry TEXT,
            size TEXT CHECK (size IN {sql_in(SIZES)}),
            needs TEXT,
            urgency TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN {sql_in(URGENCIES)}),
            channel TEXT CHECK (channel IN {sql_in(CHANNELS)}),
            referrer_id INTEGER REFERENCES clients(id),
            credit_rating TEXT,
            owner_id INTEGER REFERENCES users(id),
            notes TEXT,
            pinyin TEXT NOT NULL DEFAULT '',
            last_contact_at TEXT,
            next_step TEXT,
            next_date TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            archived_at TEXT,
            urgency_rank INTEGER GENERATED ALWAYS AS (
                CASE urgency WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END
            ) VIRTUAL
        ) STRICT""")
    db.execute("CREATE INDEX clients_by_urgency ON clients(urgency_rank, name)")
    db.execute("CREATE INDEX clients_by_owner ON clients(owner_id, urgency_rank, name)")
    db.execute("CREATE INDEX clients_by_follow_up ON clients(next_date) WHERE next_date IS NOT NULL")
    db.execute("CREATE INDEX clients_by_name ON clients(name)")
    db.execute("""
        CREATE TABLE client_tags (
            client_id INTEGER NOT NULL REFERENCES clients(id),
            tag TEXT NOT NULL,
            PRIMARY KEY (client_id, tag)
        ) STRICT, WITHOUT ROWID""")
    db.execute("CREATE INDEX client_tags_by_tag ON client_tags(tag, client_id)")
    # One trigram document per client: substrings of 3+ characters use the index, shorter
    # ones (a two-character name such as 华为, or 'hw') fall back to a scan of this one column.
    db.execute("CREATE VIRTUAL TABLE client_search USING fts5(doc, tokenize='trigram')")
    doc = """coalesce(NEW.name,'') || ' ' || coalesce(NEW.contact,'') || ' ' || coalesce(NEW.phone,'')
        || ' ' || coalesce(NEW.credit_code,'') || ' ' || coalesce(NEW.email,'') || ' '
        || coalesce(NEW.notes,'') || ' ' || NEW.pinyin"""
    db.execute(f"""CREATE TRIGGER clients_search_insert AFTER INSERT ON clients BEGIN
        INSERT INTO client_search(rowid, doc) VALUES (NEW.id, {doc}); END""")
    db.execute(f"""CREATE TRIGGER clients_search_update AFTER UPDATE ON clients BEGIN
        DELETE FROM client_search WHERE rowid = OLD.id;
        INSERT INTO client_search(rowid, doc) VALUES (NEW.id, {doc}); END""")


def m003_interactions(db) -> None:
    db.execute(f"""
        CREATE TABLE interactions (
            id INTEGER PRIMARY KEY,
            client_id INTEGER NOT NULL REFERENCES clients(id),
            user_id INTEGER NOT NULL REFERENCES users(id),
            at TEXT NOT NULL,
            channel TEXT NOT NULL CHECK (channel IN {sql_in(LOG_CHANNELS)}),
            summary TEXT NOT NULL,
            details TEXT,
            next_step TEXT,
            next_date TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX interactions_by_client ON interactions(client_id, at)")


def m005_list_indexes(db) -> None:
    # A salesperson's due follow-ups and the client count, without scanning (bench/README.md).
    db.execute("CREATE INDEX clients_due_by_owner ON clients(owner_id, next_date) "
               "WHERE next_date IS NOT NULL AND archived_at IS NULL")
    db.execute("CREATE INDEX clients_active_by_owner ON clients(owner_id) WHERE archived_at IS NULL")


# What one client's search document is made of, as SQL over its row: the trigram document, the
# walk indexes and the search's own check all use this one text (the planner matches an index on an
# expression only to the same expression). A search word never holds a space, so a word is in the
# document exactly when it is in one of these fields.
SEARCH_FIELDS = ("name", "contact", "phone", "credit_code", "email", "notes")


def search_doc(row: str = "") -> str:
    """The search document of the row ``row`` (``NEW.``, ``c.``, or '' inside an index)."""
    fields = " || ' ' || ".join(f"coalesce({row}{field},'')" for field in SEARCH_FIELDS)
    return f"({fields} || ' ' || {row}pinyin)"


def m014_instant_search(db) -> None:
    """Indexes that answer every search keystroke in a few milliseconds (``core/clients/search.py``).

    - Two *walk indexes* hold each client's search document in result order (urgency, name, id),
      one for everyone and one per owner, so the first page of a common word (公司, h, 13) is the
      first few hundred entries read in order, never the whole table.
    - ``client_names``: a trigram index of names alone, so "names containing it come first" finds
      a rare name without reading every document that merely mentions the word (13 in phones).
    - Both trigram documents end in two spaces, so each character of a one- or two-character word
      begins a trigram there: the word's trigrams are the range of terms it prefixes, read from
      ``fts5vocab`` (``client_search_terms``, ``client_name_terms``) with the clients they are in.
    - ``clients_due``: how many are due, for everyone, from the index alone (a salesperson's
      count has ``clients_due_by_owner``); ``client_totals``: how many each owner has.
    """
    _padded_trigram_indexes(db)
    db.execute("CREATE INDEX clients_due ON clients(next_date) WHERE next_date IS NOT NULL AND archived_at IS NULL")
    _client_totals(db)
    # Partial only in name (pinyin is never NULL): a query must say pinyin IS NOT NULL to use them,
    # so the planner never takes these wide indexes for a count or a list.
    for index, owner in (("clients_search_walk", ""), ("clients_search_walk_by_owner", "owner_id, ")):
        db.execute(f"CREATE INDEX {index} ON clients({owner}urgency_rank, name, id, {search_doc()}, "
                   "archived_at, next_date) WHERE pinyin IS NOT NULL")


def _padded_trigram_indexes(db) -> None:
    """The document index rebuilt with its padding, the names index beside it, and their triggers.

    The document is re-indexed only when a field of it changes (a logged contact moves next_date
    without touching it); the names index keeps no text of its own (contentless), so a change
    removes the old name by giving it back.
    """
    db.execute("DROP TRIGGER clients_search_insert")
    db.execute("DROP TRIGGER clients_search_update")
    db.execute("DROP TABLE client_search")
    db.execute("CREATE VIRTUAL TABLE client_search USING fts5(doc, tokenize='trigram')")
    db.execute("CREATE VIRTUAL TABLE client_names USING fts5(name, tokenize='trigram', content='', detail='none')")
    db.execute("CREATE VIRTUAL TABLE client_search_terms USING fts5vocab(client_search, instance)")
    db.execute("CREATE VIRTUAL TABLE client_name_terms USING fts5vocab(client_names, instance)")
    doc, fields = f"{search_doc('NEW.')} || '  '", ", ".join((*SEARCH_FIELDS, "pinyin"))
    name, old_name = "NEW.name || '  '", "OLD.name || '  '"
    db.execute(f"""CREATE TRIGGER clients_search_insert AFTER INSERT ON clients BEGIN
        INSERT INTO client_search(rowid, doc) VALUES (NEW.id, {doc});
        INSERT INTO client_names(rowid, name) VALUES (NEW.id, {name}); END""")
    db.execute(f"""CREATE TRIGGER clients_search_update AFTER UPDATE OF {fields} ON clients BEGIN
        DELETE FROM client_search WHERE rowid = OLD.id;
        INSERT INTO client_search(rowid, doc) VALUES (NEW.id, {doc}); END""")
    db.execute(f"""CREATE TRIGGER clients_names_update AFTER UPDATE OF name ON clients BEGIN
        INSERT INTO client_names(client_names, rowid, name) VALUES ('delete', OLD.id, {old_name});
        INSERT INTO client_names(rowid, name) VALUES (NEW.id, {name}); END""")
    db.execute(f"""CREATE TRIGGER clients_search_delete AFTER DELETE ON clients BEGIN
        DELETE FROM client_search WHERE rowid = OLD.id;
        INSERT INTO client_names(client_names, rowid, name) VALUES ('delete', OLD.id, {old_name}); END""")
    db.execute(f"INSERT INTO client_search(rowid, doc) SELECT id, {search_doc()} || '  ' FROM clients")
    db.execute("INSERT INTO client_names(rowid, name) SELECT id, name || '  ' FROM clients")


def _client_totals(db) -> None:
    """How many unarchived clients each owner has (0: nobody), kept by triggers: the app's total
    is a sum over a handful of rows instead of a count over every client."""
    db.execute("CREATE TABLE client_totals (owner_id INTEGER PRIMARY KEY, active INTEGER NOT NULL) STRICT")
    db.execute("""INSERT INTO client_totals SELECT coalesce(owner_id, 0), count(*) FROM clients
                  WHERE archived_at IS NULL GROUP BY 1""")
    add = """INSERT INTO client_totals VALUES (coalesce({row}.owner_id, 0), {n})
             ON CONFLICT (owner_id) DO UPDATE SET active = active + {n};"""
    db.execute(f"""CREATE TRIGGER clients_total_insert AFTER INSERT ON clients WHEN NEW.archived_at IS NULL
        BEGIN {add.format(row='NEW', n=1)} END""")
    db.execute(f"""CREATE TRIGGER clients_total_delete AFTER DELETE ON clients WHEN OLD.archived_at IS NULL
        BEGIN {add.format(row='OLD', n=-1)} END""")
    db.execute(f"""CREATE TRIGGER clients_total_leave AFTER UPDATE OF owner_id, archived_at ON clients
        WHEN OLD.archived_at IS NULL BEGIN {add.format(row='OLD', n=-1)} END""")
    db.execute(f"""CREATE TRIGGER clients_total_join AFTER UPDATE OF owner_id, archived_at ON clients
        WHEN NEW.archived_at IS NULL BEGIN {add.format(row='NEW', n=1)} END""")


def m227_client_name_key(db) -> None:
    """Each client's name as an import matches it (:func:`records.name_key`) and its phone, indexed:
    an import of a million rows asks the database row by row instead of holding every client."""
    from zizhi.core.clients.names import name_key

    db.execute("ALTER TABLE clients ADD COLUMN name_key TEXT")
    db.conn.executemany("UPDATE clients SET name_key = ? WHERE id = ?",
                        [(name_key(name), client_id) for client_id, name in db.execute("SELECT id, name FROM clients")])
    db.execute("CREATE INDEX clients_by_name_key ON clients(name_key)")
    db.execute("CREATE INDEX clients_by_phone ON clients(phone) WHERE phone IS NOT NULL")


MIGRATIONS = (m002_clients, m003_interactions)
LATER = (m005_list_indexes,)  # after the audit table, as first applied
LAST = (m014_instant_search,)  # after every earlier migration, as first applied
EXCHANGE = (m227_client_name_key,)  # after the reminders' (issue 11)
