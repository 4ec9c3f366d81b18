// A modal dialog on the native <dialog>: the browser keeps focus inside it, Esc closes
// it, and focus goes back to where it was. Also a yes/no confirmation built on it.
import { useEffect, useId, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

type DialogProps = {
  open: boolean;
  title: string;
  onClose: () => void;
  /** Runs once closed; returns true when it placed the focus itself (else it goes back to the opener). */
  afterClose?: () => boolean;
  children: ReactNode;
  className?: string;
  testId?: string;
};

export function Dialog({ open, title, onClose, afterClose, children, className = "", testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const returnTo = useRef<HTMLElement | null>(null);
  const afterCloseRef = useRef(afterClose);
  afterCloseRef.current = afterClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      // The browser focuses the first control; a dialog may name a better start (Cancel, a search field).
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  // Closing by Esc or by the code above: give focus back to what opened the dialog.
  // (Nothing outside a modal dialog takes focus while it is open, so this waits for the close.)
  useEffect(() => {
    if (open) return;
    const target = returnTo.current;
    returnTo.current = null;
    if (!target) return;
    if (afterCloseRef.current?.()) return;
    if (target.isConnected) target.focus();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className}`.trim()}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {children}
        </>
      )}
    </dialog>
  );
}

type ConfirmProps = {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
};

export function ConfirmDialog({ open, title, message, confirmLabel, busy = false, onConfirm, onCancel, testId }: ConfirmProps) {
  const { t } = useTranslation("common");
  return (
    <Dialog open={open} title={title} onClose={onCancel} testId={testId} className="dialog-confirm">
      <div className="dialog-body">{message}</div>
      <div className="actions dialog-actions">
        <button type="button" className="button primary" disabled={busy} onClick={onConfirm} data-testid="confirm-yes">
          {confirmLabel}
        </button>
        <button type="button" className="button" onClick={onCancel} data-autofocus data-testid="confirm-no">
          {t("common:cancel")}
        </button>
      </div>
    </Dialog>
  );
}
