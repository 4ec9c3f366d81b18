// Personal API tokens get a scope (read-only or not) and an expiry; tokens made before keep
// working as they did: full scope, no expiry.
export const sql = `
      ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'write';
      ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
`;
