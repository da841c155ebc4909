import React, { useState } from 'react';
import { Box, Button, H3, Input, Label, MessageBox, Text } from '@adminjs/design-system';
import { useNotice } from 'adminjs';
import { useNavigate } from 'react-router';
import { api, errorText, payloadForm } from './panel-api';

/** Array params arrive flattened (`events.0`, `events.1`); this reads them back as one list. */
function listParam(params, name) {
  return Object.keys(params)
    .filter((key) => key.startsWith(`${name}.`))
    .sort((a, b) => Number(a.slice(name.length + 1)) - Number(b.slice(name.length + 1)))
    .map((key) => params[key]);
}

function initialValues(fields, record) {
  const params = (record && record.params) || {};
  return Object.fromEntries(
    fields.map((field) => {
      if (field.type === 'choices') return [field.name, record ? listParam(params, field.name) : field.initial || []];
      if (field.type === 'checkbox') return [field.name, record ? params[field.name] === true || params[field.name] === 'true' : field.initial !== false];
      // Write-only fields (secrets) start empty: leaving them empty keeps the current value.
      return [field.name, record && !field.writeOnly ? params[field.name] || '' : ''];
    }),
  );
}

/**
 * Create, edit, revoke and delete for API tokens and webhook subscriptions (`action.custom` describes the
 * fields). A created secret is shown here once, from the action's response; it cannot be read again.
 */
const IntegrationForm = ({ resource, record, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const { title, explain, submitLabel, fields = [], secretLabel } = action.custom;
  const [values, setValues] = useState(() => initialValues(fields, record));
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState(null);

  const set = (name, value) => setValues((current) => ({ ...current, [name]: value }));
  const toggleChoice = (name, option) =>
    set(name, values[name].includes(option) ? values[name].filter((chosen) => chosen !== option) : [...values[name], option]);

  const submit = async () => {
    const payload = Object.fromEntries(Object.entries(values).filter(([name, value]) => !(value === '' && fields.find((f) => f.name === name).optional)));
    setBusy(true);
    try {
      const data = payloadForm(payload);
      const response = record
        ? await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data, method: 'post' })
        : await api.resourceAction({ resourceId: resource.id, actionName: action.name, data, method: 'post' });
      addNotice(response.data.notice);
      if (response.data.notice && response.data.notice.type === 'error') return;
      if (response.data.secret) setIssued({ secret: response.data.secret, showUrl: response.data.showUrl });
      else if (response.data.redirectUrl) navigate(response.data.redirectUrl);
    } catch (error) {
      addNotice({ message: errorText(error), type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  if (issued) {
    return (
      <Box variant="container">
        <H3>{secretLabel}</H3>
        <MessageBox mb="lg" variant="info" message="Copy it now: it is shown only this once and cannot be retrieved later." />
        <Input data-testid="issued-secret" readOnly width="100%" value={issued.secret} onFocus={(event) => event.target.select()} />
        {issued.showUrl && (
          <Button mt="xl" variant="contained" type="button" onClick={() => navigate(issued.showUrl)}>
            Done
          </Button>
        )}
      </Box>
    );
  }

  return (
    <Box variant="container">
      <H3>{title}</H3>
      {explain && <Text mb="lg">{explain}</Text>}
      {fields.map((field) => (
        <Box key={field.name} mb="lg">
          {field.type === 'choices' ? (
            <>
              <Label>{field.label}</Label>
              {field.options.map((option) => (
                <Text key={option}>
                  <label>
                    <input type="checkbox" name={field.name} checked={values[field.name].includes(option)} onChange={() => toggleChoice(field.name, option)} /> {option}
                  </label>
                </Text>
              ))}
            </>
          ) : field.type === 'checkbox' ? (
            <label>
              <input type="checkbox" name={field.name} checked={values[field.name]} onChange={(event) => set(field.name, event.target.checked)} /> {field.label}
            </label>
          ) : (
            <>
              <Label htmlFor={`field-${field.name}`}>{field.label}</Label>
              <Input
                id={`field-${field.name}`}
                name={field.name}
                type={field.type === 'password' ? 'password' : 'text'}
                width="100%"
                value={values[field.name]}
                onChange={(event) => set(field.name, event.target.value)}
              />
            </>
          )}
          {field.help && <Text variant="sm">{field.help}</Text>}
        </Box>
      ))}
      <Button variant="contained" type="button" disabled={busy} onClick={submit} data-testid="submit-integration">
        {submitLabel}
      </Button>
    </Box>
  );
};

export default IntegrationForm;
