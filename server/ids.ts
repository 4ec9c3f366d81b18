// Random identifiers and secrets. Secrets are stored only as SHA-256 hashes.
import { createHash, randomBytes } from "node:crypto";

export const newId = (): string => randomBytes(12).toString("base64url");
export const newSecret = (prefix = ""): string => prefix + randomBytes(32).toString("base64url");
export const hashSecret = (secret: string): string => createHash("sha256").update(secret).digest("hex");
export const nowIso = (): string => new Date().toISOString();
