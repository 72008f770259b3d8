/**
 * Whether a submission's answers are the ones its quotes were given for. Both
 * are canonical applicants (parsed by the same schema), so they are compared
 * value by value, whatever order their keys came in (the database does not
 * keep it) and with absent and undefined alike; the first answer that differs
 * is named, so the error can say what changed.
 */

/** The path of the first value that differs (`drivers.0.firstName`), or undefined when both are the same. */
export function firstDifference(quoted: unknown, submitted: unknown, path: readonly (string | number)[] = []): string | undefined {
  const here = () => (path.length === 0 ? 'applicant' : path.join('.'));
  if (Array.isArray(quoted) || Array.isArray(submitted)) {
    if (!Array.isArray(quoted) || !Array.isArray(submitted) || quoted.length !== submitted.length) return here();
    for (let i = 0; i < quoted.length; i++) {
      const differs = firstDifference(quoted[i], submitted[i], [...path, i]);
      if (differs) return differs;
    }
    return undefined;
  }
  if (isObject(quoted) && isObject(submitted)) {
    const keys = [...new Set([...Object.keys(quoted), ...Object.keys(submitted)])].sort();
    for (const key of keys) {
      const differs = firstDifference(quoted[key], submitted[key], [...path, key]);
      if (differs) return differs;
    }
    return undefined;
  }
  return quoted === submitted ? undefined : here();
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
