import { useCallback, useMemo, useRef, useState } from "react";

export interface CallState<Result> {
  data: Result | undefined;
  error: Error | null;
  status: "idle" | "pending" | "success" | "error";
  isPending: boolean;
}

export interface CallResult<Args extends unknown[], Result> extends CallState<Result> {
  /** Calls the stub; failures land in `error`, never in an unhandled rejection. */
  mutate: (...args: Args) => void;
  /** Calls the stub and returns its promise. */
  mutateAsync: (...args: Args) => Promise<Result>;
  /** Back to idle; an answer still in flight is then ignored. */
  reset: () => void;
}

const IDLE: CallState<never> = { data: undefined, error: null, status: "idle", isPending: false };

/**
 * Wraps a generated stub (`useCall(updateProfile)`) with pending, result and
 * error state. The stub's response already invalidates what it touched;
 * when several calls overlap, the state follows the latest.
 */
export function useCall<Args extends unknown[], Result>(
  stub: (...args: Args) => Promise<Result>,
): CallResult<Args, Result> {
  const [state, setState] = useState<CallState<Result>>(IDLE);
  const last = useRef(0);
  const mutateAsync = useCallback(
    (...args: Args) => {
      const n = ++last.current;
      const settle = (s: Partial<CallState<Result>>) =>
        n == last.current && setState({ ...IDLE, ...s } as CallState<Result>);
      settle({ status: "pending", isPending: true });
      return stub(...args).then(
        (data) => (settle({ data, status: "success" }), data),
        (error) => {
          settle({ error, status: "error" });
          throw error;
        },
      );
    },
    [stub],
  );
  const mutate = useCallback((...args: Args) => void mutateAsync(...args).catch(() => {}), [mutateAsync]);
  const reset = useCallback(() => {
    last.current++;
    setState(IDLE);
  }, []);
  return useMemo(() => ({ ...state, mutate, mutateAsync, reset }), [state, mutate, mutateAsync, reset]);
}
