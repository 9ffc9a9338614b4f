/** The one way the web app talks to the API: JSON, the CSRF header, and errors with codes. */

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** Field errors by field name ('body.givenName' -> 'givenName'). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    const issues = (this.details.issues as FieldIssue[] | undefined) ?? [];
    for (const issue of issues) out[issue.path.split('.').slice(1).join('.') || issue.path] = issue.message;
    if (typeof this.details.field === 'string') out[this.details.field] = this.message;
    return out;
  }
}

export const SESSION_ENDED_EVENT = 'pathway:session-ended';

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

async function toError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string; details?: Record<string, unknown> };
  } | null;
  const error = body?.error ?? { code: res.status >= 500 ? 'internal_error' : 'bad_request', message: res.statusText };
  return new ApiError(res.status, error.code, error.message, error.details ?? {});
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  if (!res.ok) {
    const error = await toError(res);
    if (error.code === 'session_expired') window.dispatchEvent(new CustomEvent(SESSION_ENDED_EVENT));
    throw error;
  }
  // 204, or an accepted request answered without a body (202 for a password-reset link).
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Uploads a file as the raw body, reporting upload progress (0..1); resolves with the JSON answer. */
export function upload<T>(
  path: string,
  file: Blob,
  contentType: string,
  onProgress: (share: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', contentType);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'The server could not be reached.'));
    xhr.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(xhr.responseText);
        } catch {
          return null;
        }
      })();
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const error = body?.error ?? { code: 'internal_error', message: xhr.statusText };
      if (error.code === 'session_expired') window.dispatchEvent(new CustomEvent(SESSION_ENDED_EVENT));
      reject(new ApiError(xhr.status, error.code, error.message, error.details ?? {}));
    };
    xhr.send(file);
  });
}
