// Agenda times as the meeting's wall clock. A slot is stored with the UTC offset of the
// place it happens in ("2007-12-13T09:00:00+01:00"), and the card shows the digits before
// that offset, so 9h in Poitiers reads 9h everywhere. The form edits those same digits in
// <input type="datetime-local"> and puts the meeting's offset back when it saves: the
// edited slot's own offset, else the offset the other slots share, else (a first slot)
// the browser's offset for that date.

const withOffset = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** "+01:00" from "2007-12-13T09:00:00+01:00"; "Z" reads "+00:00". */
export function offsetOf(iso: string): string | null {
  const zone = withOffset.exec(iso)?.[2];
  if (!zone) return null;
  return zone === "Z" ? "+00:00" : zone;
}

/** The value of a datetime-local input for a stored time: its wall-clock digits. */
export function wallClockOf(iso: string): string {
  return withOffset.exec(iso)?.[1] ?? "";
}

/** The browser's own offset at a wall-clock time, for an agenda that has no slot yet. */
export function browserOffset(wallClock: string): string {
  const date = new Date(wallClock);
  const minutes = Number.isNaN(date.getTime()) ? -new Date().getTimezoneOffset() : -date.getTimezoneOffset();
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The offset the meeting's times are written in, or null when nothing tells it yet. */
export function meetingOffset(slots: readonly { startsAt: string }[], editing?: { startsAt: string }): string | null {
  if (editing) return offsetOf(editing.startsAt);
  for (const slot of slots) {
    const offset = offsetOf(slot.startsAt);
    if (offset) return offset;
  }
  return null;
}

/** A stored time from a datetime-local value and the meeting's offset. */
export function momentOf(wallClock: string, offset: string): string {
  return `${wallClock}:00${offset}`;
}
