import { AppError } from "@/lib/errors";

/** The typed refusal a promise of the data layer ends in; fails the test when it passes or throws something else. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** An API answer as a client acts on it: the status, the error's code and the paths its details name. */
export function apiRefusal(response: { status: number; body: any }) {
  const error = response.body?.error;
  return {
    status: response.status,
    code: error?.code,
    paths: ((error?.details ?? []) as { path?: string }[]).map((detail) => detail.path),
  };
}
