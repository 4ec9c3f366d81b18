// Apertium tests run for real where apertium is installed (CI installs it and sets
// REQUIRE_APERTIUM=1); elsewhere they are skipped with a visible message.
import { installedApertiumModes } from "../../server/translation/providers/index.js";

export function skipWithoutApertium(): boolean {
  const modes = installedApertiumModes();
  const missing = ["fr-es", "es-fr", "eng-spa", "spa-eng"].filter((m) => !modes?.has(m));
  if (!missing.length) return false;
  if (process.env.REQUIRE_APERTIUM === "1") {
    throw new Error(`REQUIRE_APERTIUM=1 but apertium or its modes ${missing.join(", ")} are missing (apt-get install apertium apertium-fr-es apertium-eng-spa).`);
  }
  console.warn(`\n  ⚠ Apertium tests SKIPPED: apertium or its modes ${missing.join(", ")} are missing. Install apertium apertium-fr-es apertium-eng-spa, or set REQUIRE_APERTIUM=1 to fail instead.\n`);
  return true;
}
