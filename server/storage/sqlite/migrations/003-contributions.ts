// The workshop process: sequences and agenda, fiches navettes, debate, proposals, read
// positions and visits, and the full-text index of every contribution.
// `change_counter` hands out one growing position (`seq`) to every change; posts use it as
// their key, so a thread pages by (thread_id, seq) and unread counts are range counts.
export const sql = `
      CREATE TABLE change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
      INSERT INTO change_counter (id, value) VALUES (1, 0);

      CREATE TABLE sequences (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        opened_at TEXT,
        closed_at TEXT,
        updated_by TEXT REFERENCES users(id),
        PRIMARY KEY (workshop_id, kind)
      );
      CREATE TABLE agenda_slots (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        place TEXT NOT NULL,
        title TEXT NOT NULL,
        presenters TEXT NOT NULL,
        framing_questions TEXT NOT NULL,
        sequence TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX agenda_by_workshop ON agenda_slots(workshop_id);

      CREATE TABLE fiches (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        changed_seq INTEGER NOT NULL,
        status TEXT NOT NULL,
        author_side TEXT NOT NULL,
        title TEXT NOT NULL,
        rows TEXT NOT NULL,
        consent_participants TEXT NOT NULL,
        consent_working_document TEXT NOT NULL,
        consent_conditions TEXT NOT NULL,
        consent_set_by TEXT REFERENCES users(id),
        consent_set_at TEXT,
        version INTEGER NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL REFERENCES users(id),
        submitted_at TEXT,
        finalised_at TEXT
      );
      CREATE UNIQUE INDEX fiches_in_order ON fiches(workshop_id, seq);
      CREATE INDEX fiches_by_change ON fiches(workshop_id, changed_seq);
      CREATE TABLE fiche_authors (
        fiche_id TEXT NOT NULL REFERENCES fiches(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id),
        position INTEGER NOT NULL,
        PRIMARY KEY (fiche_id, user_id)
      );
      CREATE TABLE fiche_entries (
        id TEXT PRIMARY KEY,
        fiche_id TEXT NOT NULL REFERENCES fiches(id) ON DELETE CASCADE,
        workshop_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        body TEXT NOT NULL,
        author_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        seq INTEGER NOT NULL
      );
      CREATE INDEX fiche_entries_by_fiche ON fiche_entries(fiche_id, seq);
      CREATE TABLE fiche_revisions (
        fiche_id TEXT NOT NULL REFERENCES fiches(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        changed_by TEXT NOT NULL REFERENCES users(id),
        changed_at TEXT NOT NULL,
        changes TEXT NOT NULL,
        PRIMARY KEY (fiche_id, version)
      );

      CREATE TABLE threads (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        fiche_id TEXT REFERENCES fiches(id),
        title TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        post_count INTEGER NOT NULL DEFAULT 0,
        last_post_seq INTEGER NOT NULL,
        last_post_at TEXT NOT NULL
      );
      CREATE INDEX threads_by_activity ON threads(workshop_id, last_post_seq);
      CREATE INDEX threads_by_fiche ON threads(fiche_id, last_post_seq);
      CREATE TABLE posts (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        parent_id TEXT,
        author_id TEXT NOT NULL REFERENCES users(id),
        body TEXT NOT NULL,
        stance TEXT,
        created_at TEXT NOT NULL,
        edited_at TEXT,
        revision_count INTEGER NOT NULL DEFAULT 0,
        hidden_reason TEXT,
        hidden_at TEXT,
        hidden_by TEXT REFERENCES users(id)
      );
      CREATE INDEX posts_in_thread ON posts(thread_id, seq);
      -- Covers unread counts: visible posts after a position, minus the reader's own.
      CREATE INDEX posts_unread ON posts(thread_id, seq, author_id) WHERE hidden_at IS NULL;
      CREATE TABLE post_revisions (
        post_id TEXT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        body TEXT NOT NULL,
        stance TEXT,
        written_at TEXT NOT NULL,
        PRIMARY KEY (post_id, revision)
      );
      CREATE TABLE moderation_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        post_id TEXT NOT NULL REFERENCES posts(id),
        action TEXT NOT NULL,
        reason TEXT NOT NULL,
        by_user TEXT NOT NULL REFERENCES users(id),
        at TEXT NOT NULL
      );
      CREATE INDEX moderation_by_workshop ON moderation_log(workshop_id, seq);

      CREATE TABLE proposals (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        changed_seq INTEGER NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        author_id TEXT NOT NULL REFERENCES users(id),
        status TEXT NOT NULL,
        status_reason TEXT,
        status_by TEXT REFERENCES users(id),
        status_at TEXT,
        support_count INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL REFERENCES users(id)
      );
      CREATE UNIQUE INDEX proposals_in_order ON proposals(workshop_id, seq);
      CREATE INDEX proposals_by_supports ON proposals(workshop_id, support_count, seq);
      CREATE INDEX proposals_by_change ON proposals(workshop_id, changed_seq);
      CREATE TABLE proposal_revisions (
        proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        changed_by TEXT NOT NULL REFERENCES users(id),
        changed_at TEXT NOT NULL,
        amendment_id TEXT,
        PRIMARY KEY (proposal_id, version)
      );
      CREATE TABLE supports (
        proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (proposal_id, user_id)
      );
      CREATE INDEX supports_by_user ON supports(user_id);
      CREATE TABLE amendments (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        proposal_id TEXT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
        workshop_id TEXT NOT NULL,
        author_id TEXT NOT NULL REFERENCES users(id),
        title TEXT,
        body TEXT NOT NULL,
        rationale TEXT NOT NULL,
        status TEXT NOT NULL,
        base_version INTEGER NOT NULL,
        decided_by TEXT REFERENCES users(id),
        decided_at TEXT,
        decision_reason TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX amendments_of_proposal ON amendments(proposal_id, seq);

      CREATE TABLE read_marks (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        -- "thread:<id>", "illustrate" or "propose"
        target TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (user_id, workshop_id, target)
      );
      CREATE TABLE visits (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        last_seen_at TEXT NOT NULL,
        last_seen_seq INTEGER NOT NULL,
        since_at TEXT,
        since_seq INTEGER NOT NULL,
        PRIMARY KEY (workshop_id, user_id)
      );

      -- One row per searchable item, with what decides who may find it; its key is the
      -- row's key in search_text. Newest first is key order, which keeps cursors simple.
      CREATE TABLE search_docs (
        doc INTEGER PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        item_id TEXT NOT NULL,
        fiche_id TEXT,
        thread_id TEXT,
        proposal_id TEXT,
        title TEXT NOT NULL,
        at TEXT NOT NULL,
        author_id TEXT NOT NULL,
        draft INTEGER NOT NULL DEFAULT 0,
        hidden INTEGER NOT NULL DEFAULT 0,
        UNIQUE (kind, item_id)
      );
      CREATE INDEX search_docs_by_workshop ON search_docs(workshop_id, doc);
      CREATE VIRTUAL TABLE search_text USING fts5(text, tokenize = "unicode61 remove_diacritics 2");
    `;
