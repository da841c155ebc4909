import React, { useEffect, useState } from 'react';
import { Box, Button, H3, Input, Text } from '@adminjs/design-system';
import { useNotice } from 'adminjs';
import { useNavigate } from 'react-router';
import { api, payloadForm, runAction } from './panel-api';

/** Merge this author into another spelling of the same person, found by name; the merge can be undone. */
const AuthorMergeForm = ({ resource, record, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (query.trim().length < 2) return setFound([]);
    let current = true;
    api.searchRecords({ resourceId: 'Author', query: query.trim() }).then((records) => current && setFound(records.filter((author) => author.id !== record.id)));
    return () => { current = false; };
  }, [query]);

  const merge = (kept) => {
    if (!window.confirm(`Merge “${record.params.name}” into “${kept.title}”? Every byline and photo credit moves to “${kept.title}”; Author merges can undo it.`)) return;
    runAction(() => api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data: payloadForm({ keptId: Number(kept.id) }) }), { addNotice, navigate, setBusy });
  };

  return (
    <Box variant="container" data-testid="author-merge">
      <H3>Merge “{record.params.name}” into…</H3>
      <Text mb="lg">The same person spelled another way: find the spelling to keep.</Text>
      <Input id="merge-search" width={1} placeholder="Type the other spelling" value={query} onChange={(event) => setQuery(event.target.value)} />
      {found.map((author) => (
        <Button key={author.id} mt="sm" mr="sm" size="sm" type="button" disabled={busy} onClick={() => merge(author)} data-testid={`merge-into-${author.id}`}>
          Keep “{author.title}”
        </Button>
      ))}
    </Box>
  );
};

export default AuthorMergeForm;
