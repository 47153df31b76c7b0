import { useCallback, useEffect, useState } from 'react';
import { errorCodeOf } from '../addinError';
import { getComposeItem } from '../office/item';
import type { TrackingDependencies } from '../tracking/dependencies';
import { readDraftState, type DraftTrackingState } from '../tracking/draftState';
import { startTracking } from '../tracking/startTracking';
import { stopTracking } from '../tracking/stopTracking';

export type TrackingView =
  | { phase: 'loading' }
  | {
      phase: 'ready';
      state: DraftTrackingState;
      working: boolean;
      problemCode: string | null;
      serverNotTold: boolean;
    };

async function readView(problemCode: string | null, serverNotTold: boolean): Promise<TrackingView> {
  try {
    const state = await readDraftState(getComposeItem());
    return { phase: 'ready', state, working: false, problemCode, serverNotTold };
  } catch (error) {
    // The draft could not be read, so the switch shows off and the problem says why.
    return {
      phase: 'ready',
      state: { kind: 'off' },
      working: false,
      problemCode: errorCodeOf(error),
      serverNotTold,
    };
  }
}

/**
 * Holds the draft's real tracking state and turns tracking on or off. After every change the
 * state is read again from the draft, so the switch never shows what was only intended.
 */
export function useDraftTracking(dependencies: TrackingDependencies): {
  view: TrackingView;
  setTracking: (on: boolean) => Promise<void>;
} {
  const [view, setView] = useState<TrackingView>({ phase: 'loading' });

  const refresh = useCallback(async (problemCode: string | null, serverNotTold: boolean): Promise<void> => {
    setView(await readView(problemCode, serverNotTold));
  }, []);

  useEffect(() => {
    let unmounted = false;
    void readView(null, false).then((next) => {
      if (!unmounted) {
        setView(next);
      }
    });
    return () => {
      unmounted = true;
    };
  }, []);

  const setTracking = useCallback(
    async (on: boolean): Promise<void> => {
      const item = getComposeItem();
      if (item === null) {
        return;
      }
      setView((current) =>
        current.phase === 'ready' ? { ...current, working: true, problemCode: null } : current,
      );
      if (on) {
        const outcome = await startTracking(item, dependencies);
        await refresh(outcome.kind === 'failed' || outcome.kind === 'refused' ? outcome.code : null, false);
      } else {
        const outcome = await stopTracking(item, dependencies);
        await refresh(
          outcome.kind === 'failed' ? outcome.code : null,
          outcome.kind === 'off' && !outcome.serverNotified,
        );
      }
    },
    [dependencies, refresh],
  );

  return { view, setTracking };
}
