// The frame of every page: skip link, header (app name, UI language, account) and main.
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { languageNames, uiLanguages } from "../../shared/languages.js";
import { authApi } from "./auth/authApi.js";
import { useSession } from "./auth/session.js";
import { SignOutButton } from "./auth/SignOutButton.js";
import i18n, { currentLanguage, isUiLanguage } from "./i18n.js";
import { useSendingKeptWrites } from "./ui/outbox.js";

export function Layout() {
  const { t } = useTranslation("common");
  const mainRef = useRef<HTMLElement>(null);
  const { pathname, hash } = useLocation();
  const shownPath = useRef(pathname);
  // Contributions kept on this device while offline go out from any page, once the connection is back.
  useSendingKeptWrites(useSession().user?.id);

  // After in-app navigation, start keyboard and screen-reader users at the new page's content,
  // unless the link leads to a place in it (#post-…, #new-proposal): the page takes them there.
  // (Comparing paths, not counting renders, keeps the first page alone under StrictMode too.)
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    if (hash) return;
    mainRef.current?.focus();
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t("common:skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            {t("common:appName")}
          </Link>
          <div className="header-tools">
            <LanguageSwitcher />
            <Account />
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

function LanguageSwitcher() {
  const { t } = useTranslation("common");
  const { user, updated } = useSession();

  async function choose(language: string) {
    if (!isUiLanguage(language)) return;
    await i18n.changeLanguage(language);
    // The UI language is also the reading language of the profile.
    if (user && user.language !== language) {
      updated(await authApi.updateMe({ language }).catch(() => user));
    }
  }

  return (
    <select
      className="language-switcher"
      aria-label={t("common:uiLanguage")}
      value={currentLanguage()}
      onChange={(e) => void choose(e.target.value)}
    >
      {uiLanguages.map((code) => (
        <option key={code} value={code} lang={code}>
          {languageNames[code]}
        </option>
      ))}
    </select>
  );
}

function Account() {
  const { t } = useTranslation("common");
  const { user } = useSession();

  if (user === undefined) return null;
  if (user === null) {
    return (
      <nav className="account" aria-label={t("common:account")}>
        <Link to="/login">{t("common:logIn")}</Link>
        <Link to="/register">{t("common:register")}</Link>
      </nav>
    );
  }
  return (
    <div className="account">
      <span className="user-name" data-testid="current-user">
        {user.displayName}
      </span>
      <SignOutButton user={user} />
    </div>
  );
}
