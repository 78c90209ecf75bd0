/** What the services answer on failure: `{error, message, details?}`, message in French for people. */
export interface ApiErrorBody {
  error?: string;
  message?: string;
  details?: { fields?: { path: string; message: string }[] } & Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

/** openapi-fetch answers `{data, error, response}`: keep the data, turn a failure into an ApiError. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined)
    throw new ApiError(response.status, error as ApiErrorBody | undefined);
  return data as T;
}

/** The per-field messages of a refused form (field → French message), or null when the error is not about fields. */
export function fieldErrorsOf(error: unknown): Record<string, string> | null {
  const fields = error instanceof ApiError ? error.body?.details?.fields : undefined;
  return fields ? Object.fromEntries(fields.map((f) => [f.path.split('.')[0], f.message])) : null;
}

/** A French sentence saying what went wrong and what to do next. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404)
      return 'Introuvable : cet élément n’existe pas, ou pas dans votre CPTS. Revenez à la liste.';
    if (error.status === 403)
      return 'Vous n’avez pas accès à cette page. Demandez à la coordination si vous pensez que c’est une erreur.';
    if (error.status === 429) return 'Trop de demandes en peu de temps. Patientez une minute puis réessayez.';
    if (error.status >= 500)
      return 'Le service ne répond pas correctement. Réessayez dans quelques instants ; si cela continue, prévenez l’équipe technique.';
    if (error.body?.message) return error.body.message;
  }
  if (error instanceof TypeError)
    return 'Connexion impossible. Vérifiez votre connexion internet puis réessayez.';
  return 'Une erreur inattendue s’est produite. Rechargez la page puis réessayez.';
}
