// Opaque cursors over keyset positions: a client passes back the nextCursor it got, nothing else.
import { z } from "zod";
import { AppError } from "../errors.js";
import type { Page, PageRequest } from "../storage/port.js";

const keys = z.array(z.number().int().min(0)).min(1).max(3);

export function pageRequest(query: { cursor?: string; limit: number }): PageRequest {
  if (!query.cursor) return { limit: query.limit };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(query.cursor, "base64url").toString("utf8"));
  } catch {
    decoded = null;
  }
  const parsed = keys.safeParse(decoded);
  if (!parsed.success) throw new AppError("invalid_cursor", "this cursor was not given by this list; start from the first page", 400);
  return { limit: query.limit, after: parsed.data };
}

export function presentPage<T, U>(page: Page<T>, present: (item: T) => U): { items: U[]; nextCursor: string | null } {
  return {
    items: page.items.map(present),
    nextCursor: page.next ? Buffer.from(JSON.stringify(page.next)).toString("base64url") : null,
  };
}
