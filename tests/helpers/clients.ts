// Real clients for integration tests: a fetch-based user with its cookie, a
// socket.io-client, and the official y-websocket provider.
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { synthesisDocName } from "../../shared/synthesis.js";
import type { Role } from "../../shared/permissions.js";
import type { TestServer } from "./server.js";

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers?: Headers;
}

/** Where a server answers: an in-process TestServer, or a server in a child process. */
export type ServerAddress = Pick<TestServer, "url" | "wsUrl">;

export class TestUser {
  cookie = "";
  id = "";
  constructor(
    public server: ServerAddress,
    readonly email: string,
    readonly password = "correct horse battery",
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(this.server.url + path, {
      method,
      headers: { ...(body !== undefined && { "content-type": "application/json" }), ...(this.cookie && { cookie: this.cookie }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  }

  get = <T = any>(path: string) => this.request<T>("GET", path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>("POST", path, body ?? {});
  patch = <T = any>(path: string, body: unknown) => this.request<T>("PATCH", path, body);
  put = <T = any>(path: string, body: unknown) => this.request<T>("PUT", path, body);
  delete = <T = any>(path: string) => this.request<T>("DELETE", path);

  async register(displayName: string, language = "fr"): Promise<this> {
    const res = await this.post("/api/auth/register", { email: this.email, password: this.password, displayName, language });
    if (res.status !== 201) throw new Error(`register failed: ${JSON.stringify(res.body)}`);
    this.id = res.body.user.id;
    return this;
  }

  async login(): Promise<this> {
    const res = await this.post("/api/auth/login", { email: this.email, password: this.password });
    if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
    this.id = res.body.user.id;
    return this;
  }

  socket(auth: Record<string, unknown> = {}): Socket {
    return io(this.server.url, { transports: ["websocket"], extraHeaders: { cookie: this.cookie }, auth, reconnection: false, forceNew: true });
  }

  /** The official y-websocket client on a workshop's main synthesis, authenticated by this user's cookie. */
  synthesis(workshopId: string, doc = new Y.Doc()): WebsocketProvider {
    return this.openDocument(synthesisDocName(workshopId), doc);
  }

  /** The official y-websocket client on any document, authenticated by this user's cookie. */
  openDocument(docName: string, doc = new Y.Doc()): WebsocketProvider {
    const cookie = this.cookie;
    class CookieWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie } });
      }
    }
    return new WebsocketProvider(`${this.server.wsUrl}/yjs`, docName, doc, {
      WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
  }
}

/** Resolves with the acknowledgement of a socket event. */
export function emitAck<T = any>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve) => socket.emit(event, payload, resolve));
}

/** Resolves once `predicate` holds, checking on each event; never a fixed sleep. */
export function waitFor(predicate: () => boolean, subscribe: (check: () => void) => () => void, what = "condition"): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate()) return resolve();
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${what}`));
    }, 20_000);
    const unsubscribe = subscribe(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/** Waits until a Yjs doc's text satisfies `predicate`. */
export function waitForDoc(doc: Y.Doc, predicate: (doc: Y.Doc) => boolean, what = "document state"): Promise<void> {
  return waitFor(
    () => predicate(doc),
    (check) => {
      doc.on("update", check);
      return () => doc.off("update", check);
    },
    what,
  );
}

export function waitForSync(provider: WebsocketProvider): Promise<void> {
  return waitFor(
    () => provider.synced,
    (check) => {
      provider.on("sync", check);
      return () => provider.off("sync", check);
    },
    "sync",
  );
}

/** A facilitator, a workshop, and one member in each other role, in one line. */
/** Makes `user` a member of the workshop through an invitation link, as people join. */
export async function invite(facilitator: TestUser, workshopId: string, user: TestUser, role: Role): Promise<void> {
  const invitation = await facilitator.post(`/api/workshops/${workshopId}/invitations`, { role });
  const accepted = await user.post(`/api/invitations/${invitation.body.invitation.token}/accept`);
  if (accepted.status !== 200) throw new Error(`accept failed: ${JSON.stringify(accepted.body)}`);
}

export async function workshopWithMembers(server: ServerAddress) {
  const stamp = Math.random().toString(36).slice(2, 8);
  const facilitator = await new TestUser(server, `fac-${stamp}@test.navette`).register("Fatou Facilitatrice");
  const created = await facilitator.post("/api/workshops", { title: "Atelier test", languages: ["fr", "en", "es"], readingGrid: [{ text: "Quelle économie ?" }] });
  const workshopId: string = created.body.workshop.id;
  const members: Record<string, TestUser> = { facilitator };
  for (const role of ["host", "observer", "participant", "translator"] as const) {
    const user = await new TestUser(server, `${role}-${stamp}@test.navette`).register(`${role} person`, role === "participant" ? "es" : "fr");
    await invite(facilitator, workshopId, user, role);
    members[role] = user;
  }
  const outsider = await new TestUser(server, `outsider-${stamp}@test.navette`).register("Olga Outsider");
  return {
    workshopId,
    facilitator,
    host: members.host!,
    observer: members.observer!,
    participant: members.participant!,
    translator: members.translator!,
    outsider,
  };
}
