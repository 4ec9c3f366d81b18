// The live side of a workshop over Socket.IO: join its room, follow who is here
// and in which language, and hear when the workshop or its members change.
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { Ack, ApiError } from "../../../shared/errors.js";
import type { Role } from "../../../shared/permissions.js";
import type { WritingForms } from "../../../shared/schemas/contributions.js";
import type { LiveSession } from "../../../shared/schemas/live-session.js";
import type { ClientEventName, ClientEventPayload, PresenceEntry, ServerEventPayload } from "../../../shared/schemas/live.js";
import { contributionEventNames, WorkshopEventBus, type ContributionEvent, type ContributionEventName } from "./workshopEvents.js";

type JoinAck = Ack<{ people: PresenceEntry[]; role: Role; liveSession: LiveSession | null }>;
type LiveSessionEventName = Extract<ClientEventName, `liveSession.${string}`>;
type LiveSessionEvents = { [K in LiveSessionEventName]: (payload: ClientEventPayload<K>, ack: (ack: Ack<{ session: LiveSession }>) => void) => void };

type ContributionListeners = { [K in ContributionEventName]: (payload: ServerEventPayload<K>) => void };

interface ServerToClient extends ContributionListeners {
  "presence.updated": (payload: ServerEventPayload<"presence.updated">) => void;
  "workshop.updated": (payload: ServerEventPayload<"workshop.updated">) => void;
  "members.updated": (payload: ServerEventPayload<"members.updated">) => void;
  "liveSession.updated": (payload: ServerEventPayload<"liveSession.updated">) => void;
  "liveSession.poll.results": (payload: ServerEventPayload<"liveSession.poll.results">) => void;
}

interface ClientToServer extends LiveSessionEvents {
  "workshop.join": (payload: ClientEventPayload<"workshop.join">, ack: (ack: JoinAck) => void) => void;
  "workshop.leave": (payload: ClientEventPayload<"workshop.leave">, ack: (ack: Ack) => void) => void;
  "presence.setLanguage": (payload: ClientEventPayload<"presence.setLanguage">, ack: (ack: Ack) => void) => void;
  "sequence.writing": (payload: ClientEventPayload<"sequence.writing">, ack: (ack: Ack) => void) => void;
}

export type RoomStatus = "connecting" | "joined" | "disconnected" | "refused";

export type WorkshopRoom = {
  status: RoomStatus;
  people: PresenceEntry[];
  /** The role the server confirmed on join; null until then. */
  role: Role | null;
  error: ApiError | null;
  /** Contributions pushed by the server (fiches, posts, proposals…); see useWorkshopEvents. */
  events: WorkshopEventBus;
  /** Tells the room how many of this tab's forms hold unsent text in each sequence (sent again after a reconnection). */
  reportWriting: (forms: WritingForms) => void;
  /** The workshop's running live session (from the join answer, then each change); null when none runs. */
  liveSession: LiveSession | null;
  /** Server clock minus this device's, measured on the last session update: timers count from the server's time. */
  clockOffsetMs: number;
  /** A hidden poll's counts, for facilitators, as votes arrive. */
  pollResults: ServerEventPayload<"liveSession.poll.results"> | null;
  /** How many times the connection came back too late to be handed what it missed: lists must load again. */
  missed: number;
  /** Sends a live-session event; resolves with the session as the server now shows it to me. */
  sendLive: <K extends LiveSessionEventName>(event: K, payload: Omit<ClientEventPayload<K>, "workshopId">) => Promise<Ack<{ session: LiveSession }>>;
};

type RoomListeners = {
  onWorkshopUpdated?: () => void;
  onMembersUpdated?: () => void;
  /** The connection came back having missed events (see `missed`). */
  onMissed?: () => void;
};

export function useWorkshopRoom(workshopId: string, language: string, listeners: RoomListeners = {}): WorkshopRoom {
  const [status, setStatus] = useState<RoomStatus>("connecting");
  const [people, setPeople] = useState<PresenceEntry[]>([]);
  const [role, setRole] = useState<Role | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const socketRef = useRef<Socket<ServerToClient, ClientToServer> | null>(null);
  const listenersRef = useRef(listeners);
  const languageRef = useRef(language);
  const [events] = useState(() => new WorkshopEventBus());
  const writingRef = useRef<WritingForms | null>(null);
  const [liveSession, setLiveSessionState] = useState<LiveSession | null>(null);
  const [clockOffsetMs, setClockOffsetMs] = useState(0);
  const [pollResults, setPollResults] = useState<ServerEventPayload<"liveSession.poll.results"> | null>(null);
  const [missed, setMissed] = useState(0);
  const setLiveSession = useCallback((session: LiveSession | null) => {
    if (session) setClockOffsetMs(Date.parse(session.now) - Date.now());
    setLiveSessionState((previous) => {
      if (!session || session.status !== "running") return null;
      // The room's updates carry nobody's vote: keep mine, as the last answer to me told it.
      const mine = previous?.poll && session.poll?.id === previous.poll.id && session.poll.myVote === null ? previous.poll.myVote : null;
      return mine && session.poll ? { ...session, poll: { ...session.poll, myVote: mine } } : session;
    });
  }, []);

  useEffect(() => {
    listenersRef.current = listeners;
  });

  useEffect(() => {
    // One connection per open workshop page: the session cookie authenticates it,
    // so a fresh socket always speaks for whoever is signed in now.
    const socket: Socket<ServerToClient, ClientToServer> = io({ withCredentials: true, autoConnect: false });
    socketRef.current = socket;

    let joinedBefore = false;
    // "connect" fires again after every reconnection, and the server forgets rooms then: re-join.
    socket.on("connect", () => {
      setStatus("connecting");
      // Back within the server's recovery time, the events missed meanwhile arrive now; later, they are lost.
      if (joinedBefore && !socket.recovered) {
        setMissed((n) => n + 1);
        listenersRef.current.onMissed?.();
      }
      joinedBefore = true;
      socket.emit("workshop.join", { workshopId }, (ack) => {
        if (ack.ok) {
          setPeople(ack.people);
          setRole(ack.role);
          setLiveSession(ack.liveSession);
          setError(null);
          setStatus("joined");
          // The server forgot this tab's forms with its last connection.
          if (writingRef.current) socket.emit("sequence.writing", { workshopId, forms: writingRef.current }, () => {});
        } else {
          setError(ack.error);
          setStatus("refused");
        }
      });
    });
    socket.on("disconnect", () => setStatus("disconnected"));
    socket.on("connect_error", () => setStatus("disconnected"));
    socket.on("presence.updated", (event) => {
      if (event.workshopId === workshopId) setPeople(event.people);
    });
    socket.on("workshop.updated", (event) => {
      if (event.workshopId === workshopId) listenersRef.current.onWorkshopUpdated?.();
    });
    socket.on("members.updated", (event) => {
      if (event.workshopId === workshopId) listenersRef.current.onMembersUpdated?.();
    });
    socket.on("liveSession.updated", (event) => {
      if (event.workshopId === workshopId) setLiveSession(event.session);
    });
    socket.on("liveSession.poll.results", (event) => {
      if (event.workshopId === workshopId) setPollResults(event);
    });
    for (const name of contributionEventNames) {
      socket.on(name, (payload: { workshopId: string }) => {
        if (payload.workshopId === workshopId) events.publish({ name, payload } as ContributionEvent);
      });
    }
    socket.connect();

    return () => {
      if (socket.connected) socket.emit("workshop.leave", { workshopId }, () => {});
      socket.disconnect();
      socketRef.current = null;
    };
  }, [workshopId, events, setLiveSession]);

  // The server reads the language from the profile on join; tell it when the reader switches.
  useEffect(() => {
    if (status !== "joined" || languageRef.current === language) return;
    languageRef.current = language;
    socketRef.current?.emit("presence.setLanguage", { workshopId, language }, () => {});
  }, [language, status, workshopId]);

  const reportWriting = useCallback(
    (forms: WritingForms) => {
      writingRef.current = forms;
      const socket = socketRef.current;
      if (socket?.connected) socket.emit("sequence.writing", { workshopId, forms }, () => {});
    },
    [workshopId],
  );

  const sendLive = useCallback(
    <K extends LiveSessionEventName>(event: K, payload: Omit<ClientEventPayload<K>, "workshopId">) =>
      new Promise<Ack<{ session: LiveSession }>>((resolve) => {
        const socket = socketRef.current;
        if (!socket?.connected) return resolve({ ok: false, error: { code: "unavailable", message: "not connected" } });
        const emit = socket.emit.bind(socket) as (name: string, body: unknown, ack: (ack: Ack<{ session: LiveSession }>) => void) => void;
        emit(event, { ...payload, workshopId }, (ack) => {
          if (ack.ok) setLiveSession(ack.session);
          resolve(ack);
        });
      }),
    [workshopId, setLiveSession],
  );

  return { status, people, role, error, events, reportWriting, liveSession, clockOffsetMs, pollResults, missed, sendLive };
}
