// Pages that need an account send signed-out visitors to the login page, then back;
// not after signing out, so the next person on a shared computer starts afresh.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Loading } from "../ui/Loading.js";
import { useSession, withNext } from "./session.js";

export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, signedOut } = useSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null) {
    if (signedOut) return <Navigate to="/login" replace />;
    const next = location.pathname + location.search;
    return <Navigate to={withNext("/login", next)} replace />;
  }
  return <>{children}</>;
}
