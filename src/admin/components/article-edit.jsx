import React, { useEffect, useRef, useState } from 'react';
import { Box, Button, FormGroup, H3, Input, Label, Loader, MessageBox, Text, TextArea } from '@adminjs/design-system';
import { useNotice } from 'adminjs';
import { useNavigate } from 'react-router';
import { api, errorText, payloadForm } from './panel-api';
import { usePageTitle } from './page-title';
import { describeColleagues, usePresence } from './presence';

const countWords = (text) => (text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) || []).length;

const splitParagraphs = (text) => text.split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter(Boolean);
const BYLINE_ROLES = ['writer', 'photographer'];

/** Writers and photographers in order: reorder, change role, remove, or add an author found by name. */
const BylinesEditor = ({ bylines, onChange }) => {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState([]);

  useEffect(() => {
    if (query.trim().length < 2) return setFound([]);
    let current = true;
    api.searchRecords({ resourceId: 'Author', query: query.trim() }).then((records) => current && setFound(records));
    return () => { current = false; };
  }, [query]);

  const move = (index, by) => {
    const next = [...bylines];
    const [byline] = next.splice(index, 1);
    next.splice(index + by, 0, byline);
    onChange(next);
  };
  const taken = (authorId, role) => bylines.some((byline) => byline.authorId === authorId && byline.role === role);
  const add = (author) => {
    const role = taken(Number(author.id), 'writer') ? 'photographer' : 'writer';
    onChange([...bylines, { authorId: Number(author.id), name: author.title, role }]);
    setQuery('');
  };

  return (
    <Box data-testid="bylines-editor">
      {bylines.length === 0 && <Text mb="default">No bylines.</Text>}
      {bylines.map((byline, index) => (
        <Box key={`${byline.authorId}:${byline.role}`} flex flexDirection="row" alignItems="center" mb="sm" data-testid={`byline-${index}`}>
          <Text mr="default" style={{ minWidth: 220 }}>{byline.name}</Text>
          <select
            aria-label={`Role of ${byline.name}`}
            value={byline.role}
            onChange={(event) => onChange(bylines.map((other, i) => (i === index ? { ...other, role: event.target.value } : other)))}
          >
            {BYLINE_ROLES.map((role) => <option key={role} value={role}>{role}</option>)}
          </select>
          <Button ml="default" size="sm" type="button" disabled={index === 0} onClick={() => move(index, -1)} aria-label="Move up">↑</Button>
          <Button ml="sm" size="sm" type="button" disabled={index === bylines.length - 1} onClick={() => move(index, 1)} aria-label="Move down">↓</Button>
          <Button ml="sm" size="sm" variant="danger" type="button" onClick={() => onChange(bylines.filter((_, i) => i !== index))}>Remove</Button>
        </Box>
      ))}
      <Input id="byline-search" width={1} placeholder="Add a byline: type an author's name" value={query} onChange={(event) => setQuery(event.target.value)} />
      {found.map((author) => (
        <Button key={author.id} mt="sm" mr="sm" size="sm" type="button" onClick={() => add(author)} data-testid={`add-author-${author.id}`}>
          + {author.title}
        </Button>
      ))}
    </Box>
  );
};

/** One page for the copy: headline, slug, paragraphs, bylines, and the captions and credits of its photos. */
const ArticleEdit = ({ resource, record, action }) => {
  const addNotice = useNotice();
  const navigate = useNavigate();
  const [form, setForm] = useState(null);
  const [version, setVersion] = useState(Number(record.params.version));
  const [conflict, setConflict] = useState(null);
  const [saving, setSaving] = useState(false);
  const [choices, setChoices] = useState({ sections: [], tags: [] });

  useEffect(() => {
    api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name }).then((response) => {
      const { params } = response.data.record;
      const body = Object.keys(params).filter((key) => /^body\.\d+$/.test(key)).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).map((key) => params[key]);
      setVersion(Number(params.version));
      setForm({ headline: params.headline, slug: params.slug, body: body.join('\n\n'), captions: response.data.editor.captions, bylines: response.data.editor.bylines, sectionId: response.data.editor.sectionId === null ? '' : String(response.data.editor.sectionId), tagIds: response.data.editor.tagIds });
      setChoices({ sections: response.data.editor.sections, tags: response.data.editor.tags });
    });
  }, [record.id]);

  usePageTitle(`Edit: ${record.params.headline}`);
  const colleagues = usePresence(resource.id, record.id, true);
  // Ctrl+S / Cmd+S saves, as in any editor; the handler always sees the latest form through the ref.
  const saveRef = useRef(null);
  useEffect(() => {
    const onKey = (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (saveRef.current) saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!form) return <Loader />;

  const moveCaption = (index, by) => {
    const captions = [...form.captions];
    const [caption] = captions.splice(index, 1);
    captions.splice(index + by, 0, caption);
    setForm({ ...form, captions });
  };
  const setCaption = (index, field, value) => setForm({ ...form, captions: form.captions.map((caption, i) => (i === index ? { ...caption, [field]: value } : caption)) });

  const save = async (asVersion) => {
    setSaving(true);
    const payload = {
      version: asVersion,
      headline: form.headline,
      slug: form.slug,
      body: splitParagraphs(form.body),
      captions: form.captions.map(({ id, text }) => ({ id, text })),
      // The places the photos had, handed out in the order now on the page: unchanged unless moved.
      captionPositions: form.captions.map(({ id }, index) => ({ id, position: [...form.captions].map((caption) => caption.position).sort((a, b) => a - b)[index] })),
      credits: form.captions.map(({ photoId, credit }) => ({ photoId, credit })),
      bylines: form.bylines.map(({ authorId, role }) => ({ authorId, role })),
      sectionId: form.sectionId === '' ? null : Number(form.sectionId),
      tagIds: form.tagIds,
    };
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data: payloadForm(payload) });
      const { problem, notice, redirectUrl } = response.data;
      if (problem && problem.code === 'ARTICLE_VERSION_CONFLICT') {
        setConflict(problem);
      } else {
        addNotice(notice);
        // No redirect when nothing was saved: the editor stays on the form they were working on.
        if (!problem && redirectUrl) navigate(redirectUrl);
      }
    } catch (error) {
      addNotice({ message: errorText(error), type: 'error' });
    } finally {
      setSaving(false);
    }
  };

  saveRef.current = saving ? null : () => save(version);
  return (
    <Box variant="container" data-testid="article-edit">
      <H3>Edit article {record.id}</H3>
      {colleagues.length > 0 && (
        <MessageBox
          variant={colleagues.some((colleague) => colleague.editing) ? 'danger' : 'info'}
          mb="xl"
          data-testid="presence-warning"
          message={`${describeColleagues(colleagues)}. You can still save: if they save first, you will be told and keep your text.`}
        />
      )}
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
        <Text mt="sm" color="grey60" data-testid="word-count">
          {countWords(form.body)} words, {splitParagraphs(form.body).length} paragraphs · Ctrl+S (⌘S) saves
        </Text>
      </FormGroup>
      <FormGroup>
        <Label htmlFor="section">Section{choices.sections.length > 0 ? ' (needed to publish)' : ''}</Label>
        <select id="section" value={form.sectionId} onChange={(event) => setForm({ ...form, sectionId: event.target.value })} data-testid="section-select">
          <option value="">— none —</option>
          {choices.sections.map((section) => <option key={section.id} value={String(section.id)}>{section.name}</option>)}
        </select>
      </FormGroup>
      {choices.tags.length > 0 && (
        <FormGroup>
          <Label>Tags</Label>
          <Box flex flexDirection="row" flexWrap="wrap" data-testid="tags-editor">
            {choices.tags.map((tag) => (
              <label key={tag.id} style={{ marginRight: 16 }}>
                <input
                  type="checkbox"
                  checked={form.tagIds.includes(tag.id)}
                  onChange={(event) => setForm({ ...form, tagIds: event.target.checked ? [...form.tagIds, tag.id] : form.tagIds.filter((id) => id !== tag.id) })}
                />{' '}
                {tag.name}
              </label>
            ))}
          </Box>
        </FormGroup>
      )}
      <FormGroup>
        <Label>Bylines</Label>
        <BylinesEditor bylines={form.bylines} onChange={(bylines) => setForm({ ...form, bylines })} />
      </FormGroup>
      {form.captions.map((caption, index) => (
        <Box key={caption.id} mb="xl" p="default" border="default" data-testid={`caption-${caption.id}`}>
          <img src={`/media/photos/${caption.photoId}/thumbnail`} alt="" style={{ maxWidth: 160, maxHeight: 120, display: 'block', marginBottom: 8 }} onError={(event) => { event.target.style.display = 'none'; }} data-testid="caption-thumbnail" />
          <Box flex flexDirection="row" alignItems="center" mb="sm">
            <Label htmlFor={`caption-${caption.id}`} mb={0}>Photo {index + 1}{caption.url ? ` — ${caption.url}` : ''}</Label>
            <Button ml="default" size="sm" type="button" disabled={index === 0} onClick={() => moveCaption(index, -1)} aria-label="Move photo up" data-testid={`photo-up-${caption.id}`}>↑</Button>
            <Button ml="sm" size="sm" type="button" disabled={index === form.captions.length - 1} onClick={() => moveCaption(index, 1)} aria-label="Move photo down">↓</Button>
          </Box>
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
