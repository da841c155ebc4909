import React, { useEffect, useState } from 'react';
import { Box, Label, Text } from '@adminjs/design-system';
import { api } from './panel-api';

/** On a photo's page: the articles that print it, each a link. */
const PhotoPrintedIn = ({ record }) => {
  const [articles, setArticles] = useState(null);
  useEffect(() => {
    api.recordAction({ resourceId: 'Photo', recordId: record.id, actionName: 'printedIn' }).then((response) => setArticles(response.data.articles || []));
  }, [record.id]);
  return (
    <Box mb="xl" data-testid="photo-printed-in">
      <Label>Printed in</Label>
      {articles === null && <Text>…</Text>}
      {articles && articles.length === 0 && <Text>No article prints this photo.</Text>}
      {(articles || []).map((article) => (
        <Text key={article.captionId}>
          <a href={`/admin/resources/Article/records/${article.id}/show`}>{article.headline}</a> — {article.status}
        </Text>
      ))}
    </Box>
  );
};

export default PhotoPrintedIn;
