// How long the event loop was held, for the operator's /healthz: a burst of camera photos, a long
// garbage collection or a slow statement shows here before reporters notice slow answers, and every
// request of this process (pages, /healthz itself) waits that long.
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The histogram's sampling step: delays shorter than this are not told apart. */
const RESOLUTION_MS = 10;
const NS_PER_MS = 1e6;

// Per process, from the first import on: the event loop is the process's, whichever app asks.
const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
histogram.enable();

export interface EventLoopDelay {
  /** 99th percentile and longest delay (ms) since the previous operator check, or since the start. */
  p99Ms: number;
  maxMs: number;
}

/**
 * The delays since the last call, then measuring starts anew (so each check shows its own interval; the
 * 10 ms step under way at that moment is not counted).
 */
export function eventLoopDelaySinceLastCheck(): EventLoopDelay {
  // The histogram counts each timer tick's whole interval: the delay is what exceeds the step.
  const delay = (nanoseconds: number) => Math.max(0, Math.round(nanoseconds / NS_PER_MS - RESOLUTION_MS));
  const result = histogram.count === 0 ? { p99Ms: 0, maxMs: 0 } : { p99Ms: delay(histogram.percentile(99)), maxMs: delay(histogram.max) };
  histogram.reset();
  return result;
}
