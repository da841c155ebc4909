import React, { useState } from 'react';
import { Box, Button, H3, Label, Text } from '@adminjs/design-system';
import { useNotice } from 'adminjs';
import { useNavigate } from 'react-router';
import { api, runAction } from './panel-api';

/** Imports → New: upload a wire dump; the importer runs it in the background and the report appears on its page. */
const ImportUpload = ({ resource, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [file, setFile] = useState(null);
  const [busy, setBusy] = useState(false);

  const upload = async () => {
    const form = new FormData();
    form.append('file', file);
    await runAction(() => api.resourceAction({ resourceId: resource.id, actionName: action.name, data: form, method: 'post' }), { addNotice, navigate, setBusy });
  };

  return (
    <Box variant="container">
      <H3>Import a wire dump</H3>
      <Text mb="lg">A plain-text dump (.txt). The same file is never imported twice.</Text>
      <Label htmlFor="dump">Wire dump</Label>
      <input id="dump" name="file" type="file" accept=".txt,text/plain" onChange={(event) => setFile(event.target.files[0] || null)} />
      <Box mt="lg">
        <Button variant="contained" type="button" disabled={!file || busy} onClick={upload}>
          Upload and import
        </Button>
      </Box>
    </Box>
  );
};

export default ImportUpload;
