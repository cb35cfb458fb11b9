import { useEffect, useRef, useState } from "preact/hooks";
import { type ApiError } from "./api";

export interface Polled<T> {
  data: T | null;
  error: ApiError | Error | null;
  loading: boolean;
  refresh: () => void;
}

/**
 * Loads `load()` now and again every `intervalMs(data)` (null: stop), without overlapping requests; a hidden tab
 * keeps polling at its pace so a long setup is current when the operator comes back.
 */
export function usePoll<T>(load: () => Promise<T>, intervalMs: (data: T | null) => number | null, deps: unknown[]): Polled<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | Error | null; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      let data: T | null = null;
      try {
        data = await latest.current();
        if (!stopped) setState({ data, error: null, loading: false });
      } catch (error) {
        if (!stopped) setState((previous) => ({ data: previous.data, error: error instanceof Error ? error : new Error(String(error)), loading: false }));
      }
      const next = intervalMs(data);
      if (!stopped && next !== null) timer = setTimeout(run, next);
    };
    void run();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [...deps, tick]);

  return { ...state, refresh: () => setTick((value) => value + 1) };
}
