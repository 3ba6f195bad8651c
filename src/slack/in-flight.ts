/**
 * Listener work still running, so shutdown can wait for it. With `processBeforeResponse` off
 * (production), Bolt answers Slack's HTTP request before the listener has posted its reply;
 * stopping the receiver alone would let `process.exit` cut that reply off mid-flight.
 */
export interface InFlight {
  /** Counts `work` as in flight until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves once nothing is in flight, or after `timeoutMs`; true when everything finished. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      running.add(settled);
      void settled.finally(() => running.delete(settled));
      return work;
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(resolve, timeoutMs, false);
      });
      try {
        while (running.size > 0) {
          const done = await Promise.race([Promise.all(running).then(() => true), timedOut]);
          if (!done) return false;
        }
        return true;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
