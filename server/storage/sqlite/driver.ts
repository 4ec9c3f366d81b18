// Which better-sqlite3 to load. Version 12 aborts the whole process on Node 24 when a
// prepared statement is garbage-collected ("Assertion failed: (env) != nullptr" in
// RemoveEnvironmentCleanupHook, upstream WiseLibs/better-sqlite3#1515); version 13 is a
// Node-API port without that bug, but needs Node 22. npm installs 13 as an optional
// dependency only where its engines allow, so Node 20 keeps 12 and newer Node gets 13.
import type BetterSqlite3 from "better-sqlite3";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function loadDriver(): typeof BetterSqlite3 {
  if (Number(process.versions.node.split(".")[0]) >= 22) {
    try {
      return require("better-sqlite3-napi") as typeof BetterSqlite3;
    } catch {
      // Not installed (an npm install made on Node 20): fall back to version 12.
    }
  }
  return require("better-sqlite3") as typeof BetterSqlite3;
}

export const Database = loadDriver();
export type Database = BetterSqlite3.Database;
