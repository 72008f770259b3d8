/** Small fetch helpers so tests read like the requests a dealer or widget sends. */
import { TEST_DEALERS } from './server.ts';

export type JsonResponse<T = any> = { status: number; headers: Headers; body: T };

export async function call<T = any>(url: string, init: RequestInit & { json?: unknown } = {}): Promise<JsonResponse<T>> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const response = await fetch(url, { ...init, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

export const secretKeyHeaders = (dealer: { clientId: string; secretKey: string } = TEST_DEALERS.acme) => ({
  'X-Client-Id': dealer.clientId,
  'X-Secret-Key': dealer.secretKey,
});

export const bearer = (token: string, origin?: string) => ({
  Authorization: `Bearer ${token}`,
  ...(origin ? { Origin: origin } : {}),
});

/** Creates a session the way a dealer backend does and returns the created body. */
export async function createSession(
  baseUrl: string,
  body: Record<string, unknown> = {},
  dealer: { clientId: string; secretKey: string } = TEST_DEALERS.acme,
) {
  const res = await call<{ sessionId: string; sessionToken: string; expiresAt: string; sessionExpiresAt: string }>(
    `${baseUrl}/v1/sessions`,
    {
      method: 'POST',
      headers: secretKeyHeaders(dealer),
      json: body,
    },
  );
  if (res.status !== 201) throw new Error(`session not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
