import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { errorText } from './errors';
import { AppContext } from './state';

export interface Loaded<T> {
  data: T | null;
  error: string | null;  // In the reader's language (errors.ts).
  errorStatus: number | null;  // The HTTP status of a failed answer; 0 when unreachable.
  loading: boolean;
  reload: () => void;
}

// Runs `load` when `deps` change; the latest answer wins.
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const app = useContext(AppContext);
  const [state, setState] = useState<Omit<Loaded<T>, 'reload'>>({
    data: null,
    error: null,
    errorStatus: null,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState((old) => ({ ...old, loading: true, error: null, errorStatus: null }));
    load().then(
      (data) => live && setState({ data, error: null, errorStatus: null, loading: false }),
      (error) =>
        live &&
        setState({
          data: null,
          error: app ? errorText(app, error) : String(error?.message ?? error),
          errorStatus: error instanceof ApiError ? error.status : null,
          loading: false,
        }),
    );
    return () => {
      live = false;
    };
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}

export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · ledd`;
  }, [title]);
}
