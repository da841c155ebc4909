import { useEffect, useState } from 'react';
import { api, payloadForm } from './panel-api';

const BEAT_MS = 5000;

/**
 * Tells the server this page has the article open (and whether it is editing it) every few seconds while
 * the tab is visible, and answers with the colleagues who have it open too. Leaving the page says so at once.
 */
export function usePresence(resourceId, recordId, editing) {
  const [colleagues, setColleagues] = useState([]);
  useEffect(() => {
    let stopped = false;
    let timer;
    const send = (payload) => api.recordAction({ resourceId, recordId, actionName: 'presence', data: payloadForm(payload) });
    const beat = async () => {
      if (!document.hidden) {
        try {
          const response = await send({ editing });
          if (!stopped && response.data.colleagues) setColleagues(response.data.colleagues);
        } catch {
          // Presence is a courtesy: a failed beat is retried at the next one.
        }
      }
      if (!stopped) timer = setTimeout(beat, BEAT_MS);
    };
    beat();
    return () => {
      stopped = true;
      clearTimeout(timer);
      send({ leave: true }).catch(() => undefined);
    };
  }, [resourceId, recordId, editing]);
  return colleagues;
}

/** "sam@example.com is editing this article" / "…has it open". */
export function describeColleagues(colleagues) {
  const editing = colleagues.filter((colleague) => colleague.editing).map((colleague) => colleague.email);
  const reading = colleagues.filter((colleague) => !colleague.editing).map((colleague) => colleague.email);
  const parts = [];
  if (editing.length) parts.push(`${editing.join(', ')} ${editing.length === 1 ? 'is' : 'are'} editing this article right now`);
  if (reading.length) parts.push(`${reading.join(', ')} ${reading.length === 1 ? 'has' : 'have'} it open`);
  return parts.join('; ');
}
