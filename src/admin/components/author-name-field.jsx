import React from 'react';
import { FormGroup, FormMessage, Input, Label, Link } from '@adminjs/design-system';

/**
 * An author's name on the new and edit forms. A refused save shows why under the field; when the name is a
 * spelling variant of an existing author's, with a link to that author's page (see existingAuthorLink).
 */
const AuthorNameField = ({ property, record, onChange }) => {
  const error = record.errors?.[property.path];
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={property.path} required={property.isRequired}>
        Name
      </Label>
      <Input id={property.path} name={property.path} value={record.params?.[property.path] ?? ''} onChange={(event) => onChange(property.path, event.target.value)} />
      <FormMessage data-testid="author-name-error">
        {error?.message}
        {error?.link && (
          <>
            {' '}
            <Link href={error.link.href} data-testid="existing-author-link">
              {error.link.label}
            </Link>
          </>
        )}
      </FormMessage>
    </FormGroup>
  );
};

export default AuthorNameField;
