// Create an account; the chosen language is both the UI language and the reading language.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { languageNames } from "../../../shared/languages.js";
import { currentLanguage } from "../i18n.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { authApi } from "./authApi.js";
import { safeNext, useSession, withNext } from "./session.js";

export function RegisterPage() {
  const { t } = useTranslation("auth");
  usePageTitle(t("auth:register.title"));
  const { user, signedIn } = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get("next"));
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [language, setLanguage] = useState<string>(currentLanguage());
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      signedIn(await authApi.register({ email, password, displayName, language }));
      navigate(next, { replace: true });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <section className="narrow card">
      <h1>{t("auth:register.title")}</h1>
      <form onSubmit={submit} className="form">
        <div className="field">
          <label htmlFor="register-name">{t("auth:fields.displayName")}</label>
          <input
            id="register-name"
            autoComplete="name"
            required
            maxLength={80}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="register-email">{t("auth:fields.email")}</label>
          <input id="register-email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="register-password">{t("auth:fields.password")}</label>
          <input
            id="register-password"
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-describedby="register-password-hint"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p id="register-password-hint" className="hint">
            {t("auth:register.passwordHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor="register-language">{t("auth:fields.language")}</label>
          <select id="register-language" aria-describedby="register-language-hint" value={language} onChange={(e) => setLanguage(e.target.value)}>
            {Object.entries(languageNames).map(([code, name]) => (
              <option key={code} value={code} lang={code}>
                {name}
              </option>
            ))}
          </select>
          <p id="register-language-hint" className="hint">
            {t("auth:register.languageHint")}
          </p>
        </div>
        <ErrorNotice error={error} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t("auth:register.submitting") : t("auth:register.submit")}
        </button>
      </form>
      <p className="muted">
        {t("auth:register.haveAccount")} <Link to={withNext("/login", next)}>{t("auth:register.loginLink")}</Link>
      </p>
    </section>
  );
}
