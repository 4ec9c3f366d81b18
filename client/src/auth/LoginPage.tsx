// Sign in with email and password, then go where the visitor was heading (?next=).
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { authApi } from "./authApi.js";
import { safeNext, useSession, withNext } from "./session.js";

export function LoginPage() {
  const { t } = useTranslation("auth");
  usePageTitle(t("auth:login.title"));
  const { user, signedIn } = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      signedIn(await authApi.login({ email, password }));
      navigate(next, { replace: true });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <section className="narrow card">
      <h1>{t("auth:login.title")}</h1>
      <form onSubmit={submit} className="form">
        <div className="field">
          <label htmlFor="login-email">{t("auth:fields.email")}</label>
          <input id="login-email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t("auth:fields.password")}</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <ErrorNotice error={error} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("auth:login.submitting") : t("auth:login.submit")}
        </button>
      </form>
      <p className="muted">
        {t("auth:login.noAccount")} <Link to={withNext("/register", next)}>{t("auth:login.registerLink")}</Link>
      </p>
    </section>
  );
}
