// Synthesis passages in the search index: one row per workshop, document and block
// (item_id "<workshopId>:<documentId>:<blockId>"), with the document's kind, which names it.
export const sql = `
      ALTER TABLE search_docs ADD COLUMN document_kind TEXT;
`;
