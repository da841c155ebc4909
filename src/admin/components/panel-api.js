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
