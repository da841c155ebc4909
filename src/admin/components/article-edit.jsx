import React, { useEffect, useState } from 'react';
import { Box, Button, FormGroup, H3, Input, Label, Loader, MessageBox, Text, TextArea } from '@adminjs/design-system';
import { useNotice } from 'adminjs';
import { useNavigate } from 'react-router';
import { api, errorText, payloadForm } from './panel-api';

const splitParagraphs = (text) => text.split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter(Boolean);

/** One page for the copy: headline, slug, paragraphs, bylines, and the captions and credits of its photos. */
const ArticleEdit = ({ resource, record, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [form, setForm] = useState(null);
  const [version, setVersion] = useState(Number(record.params.version));
  const [conflict, setConflict] = useState(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name }).then((response) => {
      const { params } = response.data.record;
      const body = Object.keys(params).filter((key) => /^body\.\d+$/.test(key)).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).map((key) => params[key]);
      setVersion(Number(params.version));
      setForm({ headline: params.headline, slug: params.slug, body: body.join('\n\n'), captions: response.data.editor.captions, bylines: response.data.editor.bylines });
    });
  }, [record.id]);

  if (!form) return <Loader />;

  const setCaption = (index, field, value) => setForm({ ...form, captions: form.captions.map((caption, i) => (i === index ? { ...caption, [field]: value } : caption)) });

  const save = async (asVersion) => {
    setSaving(true);
    const payload = {
      version: asVersion,
      headline: form.headline,
      slug: form.slug,
      body: splitParagraphs(form.body),
      captions: form.captions.map(({ id, text }) => ({ id, text })),
      credits: form.captions.map(({ photoId, credit }) => ({ photoId, credit })),
    };
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data: payloadForm(payload) });
      const { problem, notice, redirectUrl } = response.data;
      if (problem && problem.code === 'ARTICLE_VERSION_CONFLICT') {
        setConflict(problem);
      } else if (problem) {
        addNotice(notice);
      } else {
        addNotice(notice);
        navigate(redirectUrl);
      }
    } catch (error) {
      addNotice({ message: errorText(error), type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box variant="container" data-testid="article-edit">
      <H3>Edit article {record.id}</H3>
      {conflict && (
        <MessageBox variant="danger" mb="xl" data-testid="conflict-message" message="Someone else saved this article first">
          <Text>{conflict.detail}</Text>
          <Text mt="default">Your text below is kept. Open the article in another tab to see their version, then save yours over it if it is still right.</Text>
          <Button mt="default" variant="danger" type="button" onClick={() => { setVersion(conflict.currentVersion); setConflict(null); save(conflict.currentVersion); }}>
            Save mine over theirs
          </Button>
        </MessageBox>
      )}
      <FormGroup>
        <Label htmlFor="headline">Headline</Label>
        <Input id="headline" name="headline" width={1} value={form.headline} onChange={(event) => setForm({ ...form, headline: event.target.value })} />
      </FormGroup>
      <FormGroup>
        <Label htmlFor="slug">Slug</Label>
        <Input id="slug" name="slug" width={1} value={form.slug} onChange={(event) => setForm({ ...form, slug: event.target.value })} />
      </FormGroup>
      <FormGroup>
        <Label htmlFor="body">Body (leave a blank line between paragraphs)</Label>
        <TextArea id="body" name="body" width={1} rows={16} value={form.body} onChange={(event) => setForm({ ...form, body: event.target.value })} />
      </FormGroup>
      <FormGroup>
        <Label>Bylines</Label>
        <Text>{form.bylines.length ? form.bylines.map((byline) => `${byline.name} (${byline.role})`).join(', ') : 'none'}</Text>
      </FormGroup>
      {form.captions.map((caption, index) => (
        <Box key={caption.id} mb="xl" p="default" border="default" data-testid={`caption-${caption.id}`}>
          <Label htmlFor={`caption-${caption.id}`}>Caption {index + 1}{caption.url ? ` — ${caption.url}` : ''}</Label>
          <TextArea id={`caption-${caption.id}`} name={`caption-${caption.id}`} width={1} rows={3} value={caption.text} onChange={(event) => setCaption(index, 'text', event.target.value)} />
          <Label htmlFor={`credit-${caption.id}`} mt="default">Credit (shared by every article printing this photo)</Label>
          <Input id={`credit-${caption.id}`} name={`credit-${caption.id}`} width={1} value={caption.credit} onChange={(event) => setCaption(index, 'credit', event.target.value)} />
        </Box>
      ))}
      <Button variant="contained" type="button" disabled={saving} onClick={() => save(version)} data-testid="save-article">
        Save
      </Button>
    </Box>
  );
};

export default ArticleEdit;
