// Facilitators' page for invitation links: create one for a role, copy it, see
// how often it was used and until when it works, revoke it.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { can, roles, type Role } from "../../../shared/permissions.js";
import type { Invitation } from "../../../shared/schemas/workshops.js";
import { currentLanguage } from "../i18n.js";
import { ErrorNotice } from "../ui/ErrorNotice.js";
import { Loading } from "../ui/Loading.js";
import { usePageTitle } from "../ui/usePageTitle.js";
import { useResource } from "../ui/useResource.js";
import { workshopsApi } from "./workshopsApi.js";

export function InvitationsPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation(["workshops", "common"]);
  const workshop = useResource(() => workshopsApi.get(id), [id]);
  const allowed = workshop.data ? can(workshop.data.myRole, "invitation.list") : false;
  const invitations = useResource(() => (allowed ? workshopsApi.invitations(id) : Promise.resolve(undefined)), [id, allowed]);
  usePageTitle(t("workshops:invitations.title"));

  if (workshop.error) return <ErrorNotice error={workshop.error} />;
  if (!workshop.data) return <Loading />;

  return (
    <div className="page-medium">
      <nav aria-label={t("common:breadcrumb")} className="breadcrumb">
        <Link to="/">{t("workshops:list.title")}</Link>
        <span aria-hidden="true"> / </span>
        <Link to={`/workshops/${id}`}>{workshop.data.title}</Link>
      </nav>
      <h1>{t("workshops:invitations.title")}</h1>
      {!allowed ? (
        <p className="notice notice-error" role="alert">
          {t("errors:forbidden")}
        </p>
      ) : (
        <>
          <section className="card" aria-labelledby="new-invitation-title">
            <h2 id="new-invitation-title">{t("workshops:invitations.createTitle")}</h2>
            <NewInvitationForm workshopId={id} onCreated={(invitation) => invitations.replace([invitation, ...(invitations.data ?? [])])} />
          </section>
          <section aria-labelledby="invitation-list-title">
            <h2 id="invitation-list-title">{t("workshops:invitations.listTitle")}</h2>
            <ErrorNotice error={invitations.error} />
            {invitations.data === undefined ? (
              <Loading />
            ) : invitations.data.length === 0 ? (
              <p className="muted">{t("workshops:invitations.empty")}</p>
            ) : (
              <ul className="invitation-cards">
                {invitations.data.map((invitation) => (
                  <InvitationCard key={invitation.id} workshopId={id} invitation={invitation} onRevoked={invitations.reload} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function NewInvitationForm({ workshopId, onCreated }: { workshopId: string; onCreated: (invitation: Invitation) => void }) {
  const { t } = useTranslation(["workshops", "common"]);
  const [role, setRole] = useState<Role>("participant");
  // Kept as typed text so a cleared field stays empty instead of becoming NaN.
  const [expiresInDays, setExpiresInDays] = useState("30");
  const [maxUses, setMaxUses] = useState("100");
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onCreated(await workshopsApi.createInvitation(workshopId, { role, expiresInDays: Number(expiresInDays), maxUses: Number(maxUses) }));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form inline-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="invitation-role">{t("workshops:invitations.role")}</label>
        <select id="invitation-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`common:roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="invitation-days">{t("workshops:invitations.expiresInDays")}</label>
        <input
          id="invitation-days"
          type="number"
          min={1}
          max={365}
          required
          value={expiresInDays}
          onChange={(e) => setExpiresInDays(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="invitation-uses">{t("workshops:invitations.maxUses")}</label>
        <input id="invitation-uses" type="number" min={1} max={1000} required value={maxUses} onChange={(e) => setMaxUses(e.target.value)} />
      </div>
      <ErrorNotice error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t("workshops:invitations.create")}
        </button>
      </div>
    </form>
  );
}

type InvitationState = "active" | "revoked" | "expired" | "usedUp";

function stateOf(invitation: Invitation): InvitationState {
  if (invitation.revoked) return "revoked";
  if (Date.parse(invitation.expiresAt) <= Date.now()) return "expired";
  if (invitation.uses >= invitation.maxUses) return "usedUp";
  return "active";
}

function InvitationCard({ workshopId, invitation, onRevoked }: { workshopId: string; invitation: Invitation; onRevoked: () => void }) {
  const { t } = useTranslation(["workshops", "common"]);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const url = window.location.origin + invitation.path;
  const state = stateOf(invitation);
  const inputId = `invitation-link-${invitation.id}`;
  const expires = new Intl.DateTimeFormat(currentLanguage(), { dateStyle: "medium" }).format(new Date(invitation.expiresAt));

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // Without clipboard access (plain http, or denied), select the link so Ctrl+C works.
      const input = document.getElementById(inputId) as HTMLInputElement | null;
      input?.focus();
      input?.select();
    }
  }

  async function revoke() {
    if (!window.confirm(t("workshops:invitations.revokeConfirm"))) return;
    setError(undefined);
    try {
      await workshopsApi.revokeInvitation(workshopId, invitation.id);
      onRevoked();
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <li className={`card invitation-card invitation-${state}`}>
      <p className="card-meta">
        <span className="badge">{t(`common:roles.${invitation.role}`)}</span>
        <span className={`state state-${state}`}>{t(`workshops:invitations.state.${state}`)}</span>
      </p>
      <div className="field">
        <label htmlFor={inputId}>{t("workshops:invitations.link")}</label>
        <div className="copy-row">
          <input id={inputId} readOnly value={url} onFocus={(e) => e.target.select()} />
          <button type="button" className="button" onClick={() => void copy()}>
            {t("workshops:invitations.copy")}
          </button>
        </div>
        <p className="hint" role="status">
          {copied ? t("workshops:invitations.copied") : ""}
        </p>
      </div>
      <p className="muted">
        {t("workshops:invitations.uses", { uses: invitation.uses, max: invitation.maxUses })} ·{" "}
        {t("workshops:invitations.expires", { date: expires })}
      </p>
      <ErrorNotice error={error} />
      {!invitation.revoked && (
        <button type="button" className="button danger" onClick={() => void revoke()}>
          {t("workshops:invitations.revoke")}
        </button>
      )}
    </li>
  );
}
