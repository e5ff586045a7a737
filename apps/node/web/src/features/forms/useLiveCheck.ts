import { useEffect, useRef, useState } from 'react';

/**
 * Runs `check` on `input` once the officer pauses typing (debounced), keeping only the answer
 * to the latest input: what the form shows always belongs to what it holds.
 */
export function useLiveCheck<I, R>(input: I | undefined, check: (input: I) => Promise<R>, delayMs = 300): { result: R | undefined; checking: boolean } {
  const [result, setResult] = useState<R | undefined>(undefined);
  const [checking, setChecking] = useState(false);
  const latest = useRef(0);
  const key = input === undefined ? undefined : JSON.stringify(input);
  useEffect(() => {
    if (input === undefined) {
      setResult(undefined);
      return undefined;
    }
    const run = ++latest.current;
    setChecking(true);
    const timer = setTimeout(() => {
      check(input)
        .then((value) => {
          if (run === latest.current) setResult(value);
        })
        .catch(() => undefined)
        .finally(() => {
          if (run === latest.current) setChecking(false);
        });
    }, delayMs);
    return () => clearTimeout(timer);
    // `key` stands for `input`: a new object with the same content is no change.
  }, [key]);
  return { result, checking };
}
