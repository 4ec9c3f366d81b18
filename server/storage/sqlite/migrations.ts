// Schema migrations of the SQLite adapter, applied in this order and recorded by name.
// Add a file per change and list it here; never edit one that has shipped.
import { sql as foundation } from "./migrations/001-foundation.js";
import { sql as synthesisDocuments } from "./migrations/002-synthesis-documents.js";
import { sql as contributions } from "./migrations/003-contributions.js";
import { sql as translations } from "./migrations/004-translations.js";
import { sql as yjsQuarantine } from "./migrations/005-yjs-quarantine.js";
import { sql as tokenScopeExpiry } from "./migrations/007-token-scope-expiry.js";
import { sql as liveSessions } from "./migrations/008-live-sessions.js";
import { sql as liveProjector } from "./migrations/009-live-projector.js";
import { sql as synthesisSearch } from "./migrations/010-synthesis-search.js";
import { sql as idempotencyKeys } from "./migrations/011-idempotency-keys.js";
import { sql as writingLanguageAndTranslationSearch } from "./migrations/006-writing-language-and-translation-search.js";

export const migrations: { name: string; sql: string }[] = [
  { name: "001-foundation", sql: foundation },
  { name: "002-synthesis-documents", sql: synthesisDocuments },
  { name: "003-contributions", sql: contributions },
  { name: "004-translations", sql: translations },
  { name: "005-yjs-quarantine", sql: yjsQuarantine },
  { name: "006-writing-language-and-translation-search", sql: writingLanguageAndTranslationSearch },
  { name: "007-token-scope-expiry", sql: tokenScopeExpiry },
  { name: "008-live-sessions", sql: liveSessions },
  { name: "009-live-projector", sql: liveProjector },
  { name: "010-synthesis-search", sql: synthesisSearch },
  { name: "011-idempotency-keys", sql: idempotencyKeys },
];
