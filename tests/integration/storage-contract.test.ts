// Runs the storage contract against every adapter available here.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";
import { storageContract } from "../../server/storage/contract.js";
import { openSqliteStorage } from "../../server/storage/sqlite/adapter.js";

const dir = mkdtempSync(join(tmpdir(), "navette-contract-"));
let n = 0;
storageContract("sqlite", async () => openSqliteStorage(join(dir, `contract-${n++}.sqlite`)));

// The MongoDB adapter is a later issue; when it lands it joins here, run whenever MONGODB_URI is set.
describe.skipIf(!process.env.MONGODB_URI)("storage contract: mongo", () => {
  it("has no adapter yet", () => {
    throw new Error("MONGODB_URI is set but the MongoDB adapter does not exist yet");
  });
});
