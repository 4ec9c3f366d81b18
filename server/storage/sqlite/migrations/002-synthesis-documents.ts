// Synthesis documents: the registry, versions, status changes, the citation index and proposal links.
export const sql = `
      CREATE TABLE synthesis_documents (
        id TEXT PRIMARY KEY,
        doc_name TEXT NOT NULL UNIQUE,
        scope TEXT NOT NULL,
        workshop_id TEXT REFERENCES workshops(id) ON DELETE CASCADE,
        series_id TEXT REFERENCES series(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        language TEXT NOT NULL,
        status TEXT NOT NULL,
        status_changed_at TEXT,
        created_by TEXT REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX synthesis_documents_by_workshop ON synthesis_documents(workshop_id);
      CREATE INDEX synthesis_documents_by_series ON synthesis_documents(series_id);
      CREATE TABLE synthesis_versions (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES synthesis_documents(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_by TEXT REFERENCES users(id),
        created_at TEXT NOT NULL,
        restored_from TEXT,
        seq INTEGER NOT NULL,
        state BLOB NOT NULL
      );
      CREATE INDEX synthesis_versions_by_document ON synthesis_versions(document_id);
      CREATE TABLE synthesis_status_changes (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES synthesis_documents(id) ON DELETE CASCADE,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        changed_by TEXT NOT NULL REFERENCES users(id),
        changed_at TEXT NOT NULL,
        version_id TEXT NOT NULL REFERENCES synthesis_versions(id)
      );
      CREATE INDEX synthesis_status_changes_by_document ON synthesis_status_changes(document_id);
      CREATE TABLE synthesis_citations (
        document_id TEXT NOT NULL REFERENCES synthesis_documents(id) ON DELETE CASCADE,
        block_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        excerpt TEXT NOT NULL,
        PRIMARY KEY (document_id, block_id, kind, target_id)
      );
      CREATE INDEX synthesis_citations_by_target ON synthesis_citations(kind, target_id);
      CREATE TABLE synthesis_proposal_links (
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        proposal_id TEXT NOT NULL,
        document_id TEXT NOT NULL REFERENCES synthesis_documents(id) ON DELETE CASCADE,
        block_id TEXT NOT NULL,
        excerpt TEXT NOT NULL,
        linked_by TEXT NOT NULL REFERENCES users(id),
        linked_at TEXT NOT NULL,
        PRIMARY KEY (proposal_id, document_id, block_id)
      );
    `;
