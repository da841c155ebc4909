import { ApiClient } from 'adminjs';

export const api = new ApiClient();

/** Structured action input goes in one JSON form field, `payload` (see admin-actor.ts). */
export function payloadForm(payload, extra = {}) {
  const form = new FormData();
  form.append('payload', JSON.stringify(payload));
  Object.entries(extra).forEach(([key, value]) => form.append(key, value));
  return form;
}

export function errorText(error) {
  const data = error && error.response && error.response.data;
  if (data && data.detail) return data.detail;
  if (error && error.response && error.response.status === 403) return 'You are not allowed to do this.';
  return (error && error.message) || 'The request failed';
}

/** Runs an action request with the busy flag set, shows its notice and follows its redirect; a failure becomes a notice. */
export async function runAction(send, { addNotice, navigate, setBusy }) {
  setBusy(true);
  try {
    const response = await send();
    addNotice(response.data.notice);
    if (response.data.redirectUrl) navigate(response.data.redirectUrl);
  } catch (error) {
    addNotice({ message: errorText(error), type: 'error' });
  } finally {
    setBusy(false);
  }
}
