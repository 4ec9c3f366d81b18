// Who is in a workshop's live room right now, and in which language they read.
// One entry per person, however many tabs they have open.
import type { Role } from "../../shared/permissions.js";
import type { PresenceEntry } from "../../shared/schemas/live.js";

interface Seat {
  userId: string;
  displayName: string;
  role: Role;
  language: string;
}

export class Presence {
  private rooms = new Map<string, Map<string, Seat>>();

  enter(workshopId: string, socketId: string, seat: Seat): void {
    let room = this.rooms.get(workshopId);
    if (!room) this.rooms.set(workshopId, (room = new Map()));
    room.set(socketId, seat);
  }

  /** Returns whether the socket was in the room. */
  leave(workshopId: string, socketId: string): boolean {
    const room = this.rooms.get(workshopId);
    const was = room?.delete(socketId) ?? false;
    if (room && room.size === 0) this.rooms.delete(workshopId);
    return was;
  }

  roomsOf(socketId: string): string[] {
    return [...this.rooms].filter(([, room]) => room.has(socketId)).map(([id]) => id);
  }

  /** Returns whether anything changed (a repeated language is not news). */
  update(workshopId: string, socketId: string, changes: Partial<Seat>): boolean {
    const seat = this.rooms.get(workshopId)?.get(socketId);
    if (!seat || Object.entries(changes).every(([key, value]) => seat[key as keyof Seat] === value)) return false;
    Object.assign(seat, changes);
    return true;
  }

  /** Sets a person's role in every seat they hold, after a facilitator changed it. */
  setRole(workshopId: string, userId: string, role: Role): void {
    for (const seat of this.rooms.get(workshopId)?.values() ?? []) if (seat.userId === userId) seat.role = role;
  }

  people(workshopId: string): PresenceEntry[] {
    const byUser = new Map<string, PresenceEntry>();
    for (const seat of this.rooms.get(workshopId)?.values() ?? []) byUser.set(seat.userId, { ...seat });
    return [...byUser.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  }
}
