import React, { useState } from 'react';
import { Box, Button, H3, Text } from '@adminjs/design-system';
import { useNotice } from 'adminjs';

/** Attach a picture (JPEG, PNG or WebP) to a photo, through the API's own upload route. */
const PhotoImageUpload = ({ record }) => {
  const addNotice = useNotice();
  const [file, setFile] = useState(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(Date.now());

  const upload = async () => {
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file);
      const response = await fetch(`/api/photos/${record.id}/image`, { method: 'POST', body: form, credentials: 'same-origin' });
      const body = await response.json();
      if (!response.ok) throw new Error(body.detail || `upload failed (${response.status})`);
      addNotice({ message: `Picture attached: ${body.map((rendition) => `${rendition.name} ${rendition.width}×${rendition.height}`).join(', ')}`, type: 'success' });
      setVersion(Date.now());
    } catch (error) {
      addNotice({ message: error.message, type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="container" data-testid="photo-image-upload">
      <H3>Picture for photo {record.id}</H3>
      <Text mb="lg">{record.params.credit || 'No credit'} — a JPEG, PNG or WebP file; it replaces any earlier picture. Camera data (EXIF, GPS) is removed.</Text>
      <img src={`/media/photos/${record.id}/web?v=${version}`} alt="" style={{ maxWidth: 640, display: 'block', marginBottom: 16 }} onError={(event) => { event.target.style.display = 'none'; }} />
      <input type="file" accept="image/jpeg,image/png,image/webp" onChange={(event) => setFile(event.target.files[0] || null)} data-testid="photo-file" />
      <Button ml="default" variant="contained" type="button" disabled={!file || busy} onClick={upload} data-testid="upload-picture">
        {busy ? 'Uploading…' : 'Attach picture'}
      </Button>
    </Box>
  );
};

export default PhotoImageUpload;
