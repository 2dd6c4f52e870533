import { describeError } from '../herd';

export function ErrorNotice({ error }: { error: unknown }) {
  if (error === undefined) return null;
  return (
    <p className="error" role="alert">
      {describeError(error)}
    </p>
  );
}
