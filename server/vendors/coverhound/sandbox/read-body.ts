/** Request bodies as the sandbox reads them: JSON, or a marker that it was not JSON (a documented 400 of its own). */
export const NOT_JSON = Symbol('not JSON');

export async function readJson(request: Request): Promise<unknown> {
  return request.json().catch(() => NOT_JSON);
}
