// The one interface every machine translator sits behind.

export interface MachineSegment {
  text: string;
  format: "plain" | "html";
}

export interface TranslationProvider {
  /** "apertium", "libretranslate" or "none". */
  readonly name: string;
  /** Whether it can translate from one language to another (ISO 639-1 codes). */
  supports(from: string, to: string): boolean;
  /** What records say made them: "apertium:fr>es>en" for a pivot through Spanish. */
  label(from: string, to: string): string;
  /** Translates many segments in one call; answers in the same order. */
  translate(batch: MachineSegment[], from: string, to: string): Promise<string[]>;
  /** Characters one call may carry; the queue batches up to this. */
  readonly maxBatchChars: number;
}

export const noProvider: TranslationProvider = {
  name: "none",
  supports: () => false,
  label: () => "none",
  maxBatchChars: 0,
  async translate() {
    throw new Error("no machine translation provider is configured");
  },
};
