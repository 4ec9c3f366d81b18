// The reading grid is edited as one question per line. Question ids must stay
// stable (translations attach to them), so edited lines keep the id they had.
import type { ReadingGrid, ReadingGridInput } from "../../../shared/schemas/workshops.js";

export function gridToLines(grid: ReadingGrid | undefined): string {
  return (grid?.questions ?? []).map((question) => question.text).join("\n");
}

/**
 * A line whose text is unchanged keeps its question's id wherever it moved to;
 * otherwise a line takes the id of the question that stood at its position, if
 * that one was not matched elsewhere (a reworded question); any other line is new.
 */
export function linesToGrid(lines: string, previous: ReadingGrid | undefined): ReadingGridInput {
  const texts = lines
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const questions = previous?.questions ?? [];
  const used = new Set<string>();

  const exact = texts.map((text) => {
    const match = questions.find((question) => question.text === text && !used.has(question.id));
    if (match) used.add(match.id);
    return match?.id;
  });

  return texts.map((text, index) => {
    const id = exact[index] ?? questions[index]?.id;
    if (id && (exact[index] || !used.has(id))) {
      used.add(id);
      return { id, text };
    }
    return { text };
  });
}
