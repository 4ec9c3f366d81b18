// Signing out: first asks the server whether everything written on this device reached
// it; if not, asks the person before deleting it with the rest of the device's copies.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { User } from "../../../shared/schemas/auth.js";
import { ConfirmDialog } from "../synthesis/Dialog.js";
import { clearDevice, unsentOnDevice, type UnsentOnDevice } from "./deviceData.js";
import { useSession } from "./session.js";

export function SignOutButton({ user }: { user: User }) {
  const { t } = useTranslation("common");
  const { logOut } = useSession();
  const navigate = useNavigate();
  const [step, setStep] = useState<"idle" | "checking" | "asking" | "leaving">("idle");
  // null: the check itself failed, which confirms nothing.
  const [unsent, setUnsent] = useState<UnsentOnDevice | null>(null);

  async function leave() {
    setStep("leaving");
    // Offline, the server cannot end the session: this device forgets it, and its copies, all the same.
    await logOut().catch(() => undefined);
    navigate("/login", { replace: true });
    // A page showing a document lets go of its copy as it closes; the deletion waits for it.
    void clearDevice(user.id);
  }

  async function start() {
    setStep("checking");
    // A check that fails to run is no confirmation: ask.
    const found = await unsentOnDevice(user.id).catch(() => null);
    if (found && found.documents === 0 && found.drafts === 0 && found.writes === 0) return leave();
    setUnsent(found);
    setStep("asking");
  }

  return (
    <>
      <button type="button" className="button small" disabled={step !== "idle" && step !== "asking"} aria-busy={step === "checking"} onClick={() => void start()} data-testid="log-out">
        {step === "checking" ? t("common:signOut.checking") : t("common:logOut")}
      </button>
      <ConfirmDialog
        open={step === "asking"}
        title={t("common:signOut.unsentTitle")}
        message={
          unsent ? (
            <>
              {unsent.documents > 0 && <p>{t("common:signOut.unsentDocuments", { count: unsent.documents })}</p>}
              {unsent.drafts > 0 && <p>{t("common:signOut.drafts", { count: unsent.drafts })}</p>}
              {unsent.writes > 0 && <p>{t("common:signOut.writes", { count: unsent.writes })}</p>}
            </>
          ) : (
            <p>{t("common:signOut.uncheckable")}</p>
          )
        }
        confirmLabel={t("common:signOut.confirm")}
        onConfirm={() => void leave()}
        onCancel={() => setStep("idle")}
        testId="confirm-sign-out"
      />
    </>
  );
}
