import React, { useEffect, useState } from 'react';
import { Box, Button, H2, H3, Loader, Text } from '@adminjs/design-system';
import { useNotice } from 'adminjs';
import { api, errorText } from './panel-api';
import { formatDeskTime } from './time-format';
import { usePageTitle } from './page-title';

/** The stored picture's web size, as on the shared page (preview-page.ts); a photo without one shows its caption and credit only. */
const webSize = (photo) => photo.renditions.find((rendition) => rendition.name === 'web');

const writersOf = (bylines) => bylines.filter((byline) => byline.role === 'writer').map((byline) => byline.name);

/** The article as a reader will see it (the same view as GET /api/articles/:id/preview), and a shareable link. */
const ArticlePreview = ({ resource, record, action }) => {
  const addNotice = useNotice();
  usePageTitle(`Preview: ${record.params.headline}`);
  const [article, setArticle] = useState(null);
  const [link, setLink] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name })
      .then((response) => setArticle(response.data.preview))
      .catch((error) => addNotice({ message: errorText(error), type: 'error' }));
  }, [record.id]);

  const share = async () => {
    setBusy(true);
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data: new FormData() });
      addNotice(response.data.notice);
      if (response.data.link) setLink({ ...response.data.link, url: `${window.location.origin}${response.data.link.path}` });
    } catch (error) {
      addNotice({ message: errorText(error), type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  if (!article) return <Loader />;
  const writers = writersOf(article.bylines);
  return (
    <Box variant="container" data-testid="article-preview">
      <Text mb="lg" color="grey60">
        Preview — {article.status === 'published' ? 'published' : 'not published'}; this is how readers will see the copy as saved.
      </Text>
      <Box style={{ maxWidth: '44rem', fontFamily: 'Georgia, serif' }}>
        {article.section && <Text data-testid="preview-section" style={{ textTransform: 'uppercase', fontWeight: 600, color: '#a11' }}>{article.section.name}</Text>}
        <H2 data-testid="preview-headline">{article.headline}</H2>
        {writers.length > 0 && <Text mb="lg" data-testid="preview-bylines">By {writers.join(', ')}</Text>}
        {article.photos.map((photo) => (
          <Box as="figure" key={photo.captionId} my="lg" mx={0} data-testid="preview-photo">
            {webSize(photo) && (
              <img src={webSize(photo).href} width={webSize(photo).width} height={webSize(photo).height} alt={photo.caption} style={{ maxWidth: '100%', height: 'auto', display: 'block' }} data-testid="preview-image" />
            )}
            <Text as="figcaption" mt="sm" style={{ fontSize: 14 }}>
              {photo.caption} {photo.credit && <span style={{ color: '#777' }}>{photo.credit}</span>}
            </Text>
          </Box>
        ))}
        {article.body.map((paragraph, index) => (
          <Text as="p" key={index} mb="default" style={{ fontSize: 18, lineHeight: 1.6 }}>{paragraph}</Text>
        ))}
      </Box>
      <Box mt="xxl" pt="lg" borderTop="default">
        <H3>Share a preview</H3>
        <Text mb="default">A link anyone can open without an account, until it expires. It always shows the latest saved copy.</Text>
        <Button type="button" variant="outlined" disabled={busy} onClick={share} data-testid="create-preview-link">Create preview link</Button>
        {link && (
          <Box mt="lg">
            <input readOnly value={link.url} onFocus={(event) => event.target.select()} style={{ width: '100%', padding: 8 }} data-testid="preview-link" />
            <Text mt="sm">Valid until {formatDeskTime(link.expiresAt)}.</Text>
          </Box>
        )}
      </Box>
    </Box>
  );
};

export default ArticlePreview;
