/**
 * The drill's clocks, with the two URL parameters the browser tests rely on:
 * `?now=<ISO date>` fixes the scheduler's "now", and `?clock=fast` shortens every timer
 * to a few seconds (an unanswered quiz question then times out and counts as missed).
 */
const FAST_SECONDS = 4;

function params(): URLSearchParams {
  return new URLSearchParams(globalThis.location?.search ?? "");
}

/** The scheduler's time in epoch ms: the `?now=` date if it parses, else the real time. */
export function schedulerNow(): number {
  const asked = params().get("now");
  const t = asked ? Date.parse(asked) : Number.NaN;
  return Number.isFinite(t) ? t : Date.now();
}

/** A timer's length in seconds, shortened under `?clock=fast`. */
export function timerSeconds(seconds: number): number {
  return params().get("clock") === "fast" ? Math.min(seconds, FAST_SECONDS) : seconds;
}

/** "4:05"; negative values (over time) as "+0:12". */
export function formatClock(ms: number): string {
  const over = ms < 0;
  const s = Math.ceil(Math.abs(ms) / 1000 - 1e-9);
  const text = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  return over ? `+${text}` : text;
}

export interface Countdown {
  stop(): number;
  elapsedMs(): number;
}

/** Ticks `onTick(remainingMs)` every 250 ms (remaining goes negative after the end) and
 * calls `onEnd` once when the time is up. stop() returns the elapsed time. */
export function countdown(totalMs: number, onTick: (remainingMs: number) => void, onEnd?: () => void): Countdown {
  const t0 = performance.now();
  let ended = false;
  const tick = () => {
    const remaining = totalMs - (performance.now() - t0);
    onTick(remaining);
    if (remaining <= 0 && !ended) {
      ended = true;
      onEnd?.();
    }
  };
  tick();
  const handle = setInterval(tick, 250);
  return {
    stop: () => {
      clearInterval(handle);
      return performance.now() - t0;
    },
    elapsedMs: () => performance.now() - t0,
  };
}
