import React, { useState } from 'react';
import { Box, Button, H3, Label, Link, Text } from '@adminjs/design-system';
import { useNotice } from 'adminjs';
import { useNavigate } from 'react-router';
import { api, errorText } from './panel-api';

/** How often a file refused because the server is busy with other uploads (503) is tried again, and after how long at most. */
const BUSY_RETRIES = 5;
const MAX_WAIT_SECONDS = 30;

const wait = (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

function describe(entry) {
  switch (entry.state) {
    case 'waiting':
      return 'waiting';
    case 'uploading':
      return `uploading ${entry.percent}%`;
    case 'busy':
      return `the server is busy with other uploads; trying again in ${entry.retryAfter} s`;
    case 'done':
      return entry.message;
    default:
      return `refused: ${entry.message}`;
  }
}

/**
 * Imports → New: upload one or several wire dumps. They go one after another (the server takes one upload at a
 * time per instance), each with its own progress bar and, once accepted, a link to its import, whose report
 * appears there when the importer has run it. One file goes straight to its import's page, as before.
 */
const ImportUpload = ({ resource, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [entries, setEntries] = useState([]);
  const [busy, setBusy] = useState(false);

  const update = (index, changes) => setEntries((current) => current.map((entry, at) => (at === index ? { ...entry, ...changes } : entry)));

  const send = async (file, index) => {
    const form = new FormData();
    form.append('file', file);
    for (let attempt = 0; ; attempt++) {
      update(index, { state: 'uploading', percent: 0 });
      try {
        const response = await api.resourceAction({
          resourceId: resource.id,
          actionName: action.name,
          data: form,
          method: 'post',
          onUploadProgress: (event) => update(index, { percent: Math.min(100, Math.round((event.loaded * 100) / (event.total || file.size || 1))) }),
        });
        const { notice, redirectUrl, problem } = response.data;
        if (problem) update(index, { state: 'refused', message: problem.detail });
        else update(index, { state: 'done', percent: 100, message: notice?.message ?? 'uploaded', href: redirectUrl });
        return response.data;
      } catch (error) {
        const retryAfter = Number(error?.response?.headers?.['retry-after']);
        if (error?.response?.status === 503 && attempt < BUSY_RETRIES) {
          const seconds = Math.min(MAX_WAIT_SECONDS, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 5);
          update(index, { state: 'busy', retryAfter: seconds });
          await wait(seconds);
          continue;
        }
        update(index, { state: 'refused', message: errorText(error) });
        return undefined;
      }
    }
  };

  const upload = async () => {
    setBusy(true);
    try {
      const files = entries.map((entry) => entry.file);
      const answers = [];
      for (const [index, file] of files.entries()) answers.push(await send(file, index));
      if (files.length === 1 && answers[0]?.redirectUrl) {
        addNotice(answers[0].notice);
        navigate(answers[0].redirectUrl);
        return;
      }
      const accepted = answers.filter((answer) => answer && !answer.problem).length;
      addNotice({ message: `${accepted} of ${files.length} files accepted`, type: accepted === files.length ? 'success' : 'error' });
    } finally {
      setBusy(false);
    }
  };

  const choose = (event) => setEntries([...event.target.files].map((file) => ({ file, state: 'waiting', percent: 0 })));

  return (
    <Box variant="container">
      <H3>Import wire dumps</H3>
      <Text mb="lg">Plain-text dumps (.txt); choose one or several. They are uploaded one after another. The same file is never imported twice.</Text>
      <Label htmlFor="dump">Wire dumps</Label>
      <input id="dump" name="file" type="file" multiple accept=".txt,text/plain" disabled={busy} onChange={choose} />
      {entries.length > 0 && (
        <Box mt="lg" data-testid="upload-list">
          {entries.map((entry, index) => (
            <Box key={`${entry.file.name}-${index}`} mb="default" data-testid={`upload-${index}`} data-state={entry.state}>
              <Text>
                <strong>{entry.file.name}</strong> ({Math.max(1, Math.round(entry.file.size / 1024))} KB) — {describe(entry)}
                {entry.href && (
                  <>
                    {' '}
                    <Link href={entry.href} data-testid={`upload-${index}-link`}>
                      open the import
                    </Link>
                  </>
                )}
              </Text>
              <progress max="100" value={entry.percent} style={{ width: '100%' }} aria-label={`${entry.file.name} upload progress`} />
            </Box>
          ))}
        </Box>
      )}
      <Box mt="lg">
        <Button variant="contained" type="button" disabled={entries.length === 0 || busy} onClick={upload} data-testid="upload-dumps">
          {entries.length > 1 ? `Upload and import ${entries.length} files` : 'Upload and import'}
        </Button>
      </Box>
    </Box>
  );
};

export default ImportUpload;
