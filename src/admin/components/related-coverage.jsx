import React from 'react';
import { Box, Text } from '@adminjs/design-system';

/** Related coverage on the article's show page: other reports of the same event, linked at import (read-only). */
const RelatedCoverage = ({ record }) => {
  const related = JSON.parse(record.params.related || '[]');
  return (
    <Box mb="xl" data-testid="related-coverage">
      <Text fontWeight="bold" mb="sm">Related coverage</Text>
      {related.length === 0 ? (
        <Text>None linked</Text>
      ) : (
        <ul>
          {related.map((article) => (
            <li key={article.id}>
              <a href={`/admin/resources/Article/records/${article.id}/show`}>#{article.id} {article.headline}</a> ({article.status})
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
};

export default RelatedCoverage;
