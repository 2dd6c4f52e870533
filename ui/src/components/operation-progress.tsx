import { useEffect, useState } from 'react';
import { type OperationView, waitForOperation } from '../herd';
import { useSession } from '../session';
import { ErrorNotice } from './error-notice';

/** Follows one operation to its end, showing its percent, step and outcome. */
export function OperationProgress({ operationId, onEnd }: { operationId: string; onEnd?: (operation: OperationView) => void }) {
  const { herd } = useSession();
  const [operation, setOperation] = useState<OperationView>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let current = true;
    waitForOperation(herd, operationId, { onProgress: (next) => current && setOperation(next) }).then(
      (ended) => current && onEnd?.(ended),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [herd, operationId]);

  if (error) return <ErrorNotice error={error} />;
  if (!operation) return <p role="status">Operation requested…</p>;
  return (
    <div className="operation" role="status" aria-live="polite">
      <label>
        <span>
          {operation.type} {operation.status}
          {operation.step ? `: ${operation.step}` : ''}
        </span>
        <progress max={100} value={operation.percent}>
          {operation.percent}%
        </progress>
      </label>
      <span className="percent">{operation.percent}%</span>
      {operation.error && <p className="error">{operation.error}</p>}
    </div>
  );
}
