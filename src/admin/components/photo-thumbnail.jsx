import React, { useState } from 'react';
import { Text } from '@adminjs/design-system';

/** The photo's 320 px rendition, or a dash until a picture is attached. */
const PhotoThumbnail = ({ record, where }) => {
  const [missing, setMissing] = useState(false);
  if (missing) return <Text color="grey60">—</Text>;
  return (
    <img
      src={`/media/photos/${record.id}/thumbnail`}
      alt={record.params.credit || `Photo ${record.id}`}
      data-testid="photo-thumbnail"
      style={{ maxWidth: where === 'list' ? 96 : 320, maxHeight: where === 'list' ? 72 : 240, display: 'block' }}
      onError={() => setMissing(true)}
    />
  );
};

export default PhotoThumbnail;
