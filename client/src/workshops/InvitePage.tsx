// Where an invitation link lands: what it invites to, and a button to join
// (or links to log in or register first, which come back here).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { errorCodeOf } from "../api.js";
import { useSession, withNext } from "../auth/session.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { Loading } from "../ui/Loading.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { workshopsApi } from "./workshopsApi.js";

export function InvitePage() {
  const { token = "" } = useParams();
  const { t } = useTranslation(["workshops", "common"]);
  usePageTitle(t("workshops:invite.title"));
  const { user } = useSession();
  const navigate = useNavigate();
  const preview = useResource(() => workshopsApi.previewInvitation(token), [token]);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const here = `/invite/${encodeURIComponent(token)}`;

  async function join() {
    setBusy(true);
    setError(undefined);
    try {
      const accepted = await workshopsApi.acceptInvitation(token);
      navigate(`/workshops/${accepted.workshopId}`);
    } catch (failure) {
      // Already in: the link has done its job, so just go there.
      if (errorCodeOf(failure) === "already_member" && preview.data) {
        navigate(`/workshops/${preview.data.workshopId}`);
        return;
      }
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <section className="narrow card">
      <h1>{t("workshops:invite.title")}</h1>
      {preview.loading && !preview.data && <Loading />}
      <ErrorNotice error={preview.error} />
      {preview.data && (
        <>
          <p className="lead">
            {t("workshops:invite.intro", { title: preview.data.workshopTitle, role: t(`common:roles.${preview.data.role}`) })}
          </p>
          {!preview.data.usable ? (
            <p className="notice notice-error" role="alert">
              {t(`workshops:invite.unusable.${preview.data.reason === "ok" ? "revoked" : preview.data.reason}`)}
            </p>
          ) : user ? (
            <>
              <ErrorNotice error={error} />
              <button type="button" className="button primary" disabled={busy} onClick={() => void join()}>
                {t("workshops:invite.join")}
              </button>
            </>
          ) : user === null ? (
            <>
              <p>{t("workshops:invite.signInFirst")}</p>
              <div className="actions">
                <Link className="button primary" to={withNext("/login", here)}>
                  {t("common:logIn")}
                </Link>
                <Link className="button" to={withNext("/register", here)}>
                  {t("common:register")}
                </Link>
              </div>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
