// Who is signed in. The session itself is an httpOnly cookie; this context only
// mirrors the user the server returned, and keeps the UI language in step with it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { User } from "../../../shared/schemas/auth.js";
import i18n, { isUiLanguage } from "../i18n.js";
import { authApi } from "./authApi.js";

type Session = {
  /** undefined while the first /api/me is in flight. */
  user: User | null | undefined;
  /** Signed out here, by the person: nothing should lead back to where they were. */
  signedOut: boolean;
  signedIn: (user: User) => void;
  updated: (user: User) => void;
  logOut: () => Promise<void>;
};

const SessionContext = createContext<Session | null>(null);

/** UI language and reading language are one setting: follow the profile when it names a shipped locale. */
function adoptProfileLanguage(user: User) {
  if (isUiLanguage(user.language) && user.language !== i18n.resolvedLanguage) {
    void i18n.changeLanguage(user.language);
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [signedOut, setSignedOut] = useState(false);

  useEffect(() => {
    let cancelled = false;
    authApi
      .me()
      .then((me) => {
        if (cancelled) return;
        adoptProfileLanguage(me);
        setUser(me);
      })
      .catch(() => {
        if (!cancelled) setUser(null);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const signedIn = useCallback((me: User) => {
    adoptProfileLanguage(me);
    setSignedOut(false);
    setUser(me);
  }, []);

  const logOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setSignedOut(true);
      setUser(null);
    }
  }, []);

  const session = useMemo(() => ({ user, signedOut, signedIn, updated: setUser, logOut }), [user, signedOut, signedIn, logOut]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession must be used inside <SessionProvider>");
  return session;
}

/** Only same-site paths are followed after login, so ?next= cannot send people elsewhere. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

/** A link to login or register that brings the visitor back to `next` afterwards. */
export function withNext(path: "/login" | "/register", next: string): string {
  return next === "/" ? path : `${path}?next=${encodeURIComponent(next)}`;
}
