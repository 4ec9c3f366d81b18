// The workshop's contribution events (fiches, posts, proposals…) as a small bus: the
// room hook publishes what the server pushes, and any component below subscribes.
import { createContext, useContext, useEffect, useRef, type ReactNode } from "react";
import type { contributionServerEvents } from "../../../shared/schemas/contributions.js";
import type { ServerEventPayload } from "../../../shared/schemas/live.js";
import { ReloadSignal } from "../ui/useResource.js";

// translation.updated rides the same bus: stored translations follow the content they translate;
// so do the synthesis documents' status, list and versions.
export type ContributionEventName =
  | keyof typeof contributionServerEvents
  | "translation.updated"
  | "synthesis.status"
  | "synthesis.documents.updated"
  | "synthesis.versions.updated"
  | "synthesis.text.updated";
export const contributionEventNames = [
  "sequences.updated",
  "agenda.updated",
  "fiche.updated",
  "thread.created",
  "post.created",
  "post.updated",
  "proposal.updated",
  "amendment.updated",
  "translation.updated",
  "synthesis.status",
  "synthesis.documents.updated",
  "synthesis.versions.updated",
  "synthesis.text.updated",
] as const satisfies readonly ContributionEventName[];

export type ContributionEvent = { [K in ContributionEventName]: { name: K; payload: ServerEventPayload<K> } }[ContributionEventName];
export type ContributionHandlers = { [K in ContributionEventName]?: (payload: ServerEventPayload<K>) => void };

export class WorkshopEventBus {
  private readonly listeners = new Set<(event: ContributionEvent) => void>();

  subscribe(listener: (event: ContributionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: ContributionEvent) {
    for (const listener of [...this.listeners]) listener(event);
  }
}

const BusContext = createContext<WorkshopEventBus | null>(null);

/** `missed` counts the times the room came back having missed events: the pages' resources load again then. */
export function WorkshopEventsProvider({ bus, missed, children }: { bus: WorkshopEventBus; missed: number; children: ReactNode }) {
  return (
    <BusContext.Provider value={bus}>
      <ReloadSignal.Provider value={missed}>{children}</ReloadSignal.Provider>
    </BusContext.Provider>
  );
}

/** Calls the matching handler for each event of the open workshop; handlers may change on every render. */
export function useWorkshopEvents(handlers: ContributionHandlers) {
  const bus = useContext(BusContext);
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!bus) return;
    return bus.subscribe((event) => {
      const handler = ref.current[event.name] as ((payload: unknown) => void) | undefined;
      handler?.(event.payload);
    });
  }, [bus]);
}
