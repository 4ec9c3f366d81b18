// Rows come back from better-sqlite3 as plain objects keyed by column.
export type Row = Record<string, unknown>;

export const toBytes = (value: unknown): Uint8Array => new Uint8Array(value as Buffer);
export const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
