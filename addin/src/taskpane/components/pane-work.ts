import type { Language } from '@samla/shared';
import { useRef, useState } from 'react';
import { errorText } from './error-text';

/** A message in the pane's status area; `action` offers the next step (Försök igen). */
export interface Notice {
  readonly tone: 'success' | 'error' | 'info' | 'warning';
  readonly text: string;
  readonly details?: readonly string[];
  readonly action?: { readonly label: string; readonly run: () => void };
}

/** The pane's one piece of long work at a time: its progress text, its cancel signal, and the notice it ends with. */
export interface PaneWork {
  readonly busy: string | undefined;
  readonly notice: Notice | undefined;
  setNotice(notice: Notice | undefined): void;
  setBusy(progress: string): void;
  /** Runs `body` with a cancel signal; its notice, or the failure in words, ends up in the status area. */
  run(progress: string, body: (signal: AbortSignal) => Promise<Notice | undefined>, describe?: (error: unknown) => Notice | string): Promise<void>;
  /** Aborts the running work (the Avbryt button). */
  cancel(): void;
  /** Forgets everything (sign-out). */
  reset(): void;
}

export function usePaneWork(language: Language): PaneWork {
  const [busy, setBusyState] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const controller = useRef<AbortController | undefined>(undefined);
  return {
    busy,
    notice,
    setNotice,
    setBusy: setBusyState,
    async run(progress, body, describe = (error) => errorText(error, language)) {
      controller.current?.abort();
      const own = new AbortController();
      controller.current = own;
      setBusyState(progress);
      setNotice(undefined);
      try {
        const outcome = await body(own.signal);
        if (controller.current === own) setNotice(outcome);
      } catch (error) {
        const described = describe(error);
        if (controller.current === own) setNotice(typeof described === 'string' ? { tone: 'error', text: described } : described);
      } finally {
        if (controller.current === own) {
          controller.current = undefined;
          setBusyState(undefined);
        }
      }
    },
    cancel() {
      controller.current?.abort();
    },
    reset() {
      controller.current?.abort();
      controller.current = undefined;
      setBusyState(undefined);
      setNotice(undefined);
    },
  };
}
