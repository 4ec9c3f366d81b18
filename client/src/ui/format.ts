// Dates as the reader's language writes them.
import { currentLanguage } from "../i18n.js";

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage(), { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

export function formatDay(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage(), { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(new Date(iso));
}

/**
 * A meeting's own wall-clock time: agenda slots carry the place's UTC offset
 * ("2007-12-13T09:00:00+01:00"), and 9h in Poitiers stays 9h for a reader elsewhere.
 */
export function localParts(iso: string): { day: string; time: string } {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!match) return { day: formatDay(iso), time: formatTime(iso) };
  const [, date, hours, minutes] = match as unknown as [string, string, string, string];
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const day = new Intl.DateTimeFormat(currentLanguage(), { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(noonUtc);
  const time = new Intl.DateTimeFormat(currentLanguage(), { hour: "2-digit", minute: "2-digit", timeZone: "UTC" }).format(new Date(Date.UTC(2000, 0, 1, Number(hours), Number(minutes))));
  return { day, time };
}
