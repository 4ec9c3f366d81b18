// A timer as every screen shows it: counted from the server's clock, so all agree to the second.
import { useEffect, useState } from "react";
import { remainingAt, type TimerState } from "../../../shared/domain/live-session.js";

export function formatDuration(ms: number): string {
  const seconds = Math.ceil(Math.abs(ms) / 1000);
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  return ms < 0 ? `−${text}` : text;
}

export function Countdown({ timer, clockOffsetMs, label, testId }: { timer: TimerState; clockOffsetMs: number; label: string; testId: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (timer.startedAt === null) return;
    const interval = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(interval);
  }, [timer.startedAt]);
  const remaining = remainingAt(timer, now + clockOffsetMs);
  return (
    <div className={`countdown${remaining < 0 ? " is-over" : ""}`} data-testid={testId} data-running={timer.startedAt !== null}>
      <span className="countdown-label">{label}</span>
      {/* Read out only on demand: a ticking live region would talk over the meeting. */}
      <span className="countdown-value" role="timer" aria-label={label}>
        {formatDuration(remaining)}
      </span>
    </div>
  );
}
