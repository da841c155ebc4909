import React from 'react';
import { FormGroup, Input, Label } from '@adminjs/design-system';

/**
 * The article lists' text filter. It is the `headline` property's filter, but the list query searches the
 * headline and the body (full text, `websearch` syntax), so it is labelled for what it does.
 */
const ArticleSearchFilter = ({ property, filter, onChange }) => (
  <FormGroup variant="filter">
    <Label htmlFor={`filter-${property.path}`} data-testid="article-search-label">
      Search headline and body
    </Label>
    <Input
      id={`filter-${property.path}`}
      name={`filter-${property.path}`}
      placeholder='words, "a phrase", -excluded'
      value={filter[property.path] || ''}
      onChange={(event) => onChange(property.path, event.target.value)}
    />
  </FormGroup>
);

export default ArticleSearchFilter;
