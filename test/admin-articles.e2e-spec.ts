import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { ArticleStatus, DuplicateKind } from '../src/articles/article-status';
import { Article } from '../src/articles/article.entity';
import { Byline, BylineRole } from '../src/articles/byline.entity';
import { isDismissedDuplicatePair } from '../src/articles/dismissed-pairs';
import { ArticleRevision } from '../src/articles/revision.entity';
import { UserRole } from '../src/auth/user.entity';
import { Author } from '../src/authors/author.entity';
import { Caption } from '../src/captions/caption.entity';
import { CaptionsService } from '../src/captions/captions.service';
import { Import } from '../src/imports/import.entity';
import { Photo } from '../src/photos/photo.entity';
import { authorKey } from '../src/wire';
import { loggedInAs } from './support/admin-session';
import { insertArticle, insertAuthor, insertImport, insertPhoto, insertUserActor } from './support/fixtures';
import { bootTestApp, TestApp } from './support/test-app';

describe('admin panel: editing, history, duplicates, lists and imports', () => {
  let testApp: TestApp;
  let editor: { email: string; cookie: string };
  let secondEditor: { email: string; cookie: string };
  let contributor: { email: string; cookie: string };

  beforeAll(async () => {
    testApp = await bootTestApp();
    editor = await loggedInAs(testApp.app, UserRole.Editor, 'first.editor@example.com');
    secondEditor = await loggedInAs(testApp.app, UserRole.Editor, 'second.editor@example.com');
    contributor = await loggedInAs(testApp.app, UserRole.Contributor, 'contributor@example.com');
  });
  afterAll(() => testApp?.close());

  const post = (url: string, cookie: string, payload: object) =>
    request(testApp.app.getHttpServer()).post(url).set('Cookie', cookie).field('payload', JSON.stringify(payload));
  const get = (url: string, cookie: string) => request(testApp.app.getHttpServer()).get(url).set('Cookie', cookie);
  const reload = (id: number) => testApp.dataSource.getRepository(Article).findOneByOrFail({ id });

  async function articleWithPhoto() {
    const article = await insertArticle(testApp.dataSource, { headline: 'Talks resume in Baghdad', body: ['First paragraph.', 'Second paragraph.'] });
    const photo = await insertPhoto(testApp.dataSource, { credit: 'Photo by AFP' });
    const caption = await testApp.dataSource.getRepository(Caption).save({ articleId: article.id, photoId: photo.id, position: 0, text: 'Delegates arrive' });
    return { article, photo, caption };
  }

  it('lists an article’s related coverage on its show page, in both directions, with drafts', async () => {
    const first = await insertArticle(testApp.dataSource, { headline: 'Quake strikes Malatya' });
    const second = await insertArticle(testApp.dataSource, { headline: 'Tremor rattles Malatya' });
    await testApp.dataSource.query(`INSERT INTO article_related_links ("articleId", "relatedId") VALUES ($1, $2)`, [second.id, first.id]);
    const related = async (id: number) => JSON.parse((await get(`/admin/api/resources/Article/records/${id}/show`, contributor.cookie)).body.record.params.related);
    expect(await related(first.id)).toEqual([{ id: second.id, slug: second.slug, headline: 'Tremor rattles Malatya', status: 'draft' }]);
    expect(await related(second.id)).toEqual([{ id: first.id, slug: first.slug, headline: 'Quake strikes Malatya', status: 'draft' }]);
  });

  it('saves headline, body, caption and credit from the one-page editor, with a revision', async () => {
    const { article, photo, caption } = await articleWithPhoto();
    const url = `/admin/api/resources/Article/records/${article.id}/edit`;

    const form = await get(url, editor.cookie);
    expect(form.status).toBe(200);
    expect(form.body.editor.captions).toEqual([expect.objectContaining({ id: caption.id, text: 'Delegates arrive', credit: 'Photo by AFP' })]);

    const saved = await post(url, editor.cookie, {
      version: article.version,
      headline: 'Talks resume in Baghdad on Sunday',
      slug: article.slug,
      body: ['First paragraph.', 'A corrected second paragraph.'],
      captions: [{ id: caption.id, text: 'Delegates arrive on Sunday' }],
      credits: [{ photoId: photo.id, credit: 'Photo by Ahmad Al-Rubaye / AFP' }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.problem).toBeUndefined();
    expect(saved.body.notice).toMatchObject({ type: 'success' });

    const after = await reload(article.id);
    expect(after).toMatchObject({ headline: 'Talks resume in Baghdad on Sunday', body: ['First paragraph.', 'A corrected second paragraph.'], version: article.version + 1 });
    expect((await testApp.dataSource.getRepository(Caption).findOneByOrFail({ id: caption.id })).text).toBe('Delegates arrive on Sunday');
    expect((await testApp.dataSource.getRepository(Photo).findOneByOrFail({ id: photo.id })).credit).toBe('Photo by Ahmad Al-Rubaye / AFP');

    const [revision] = await testApp.dataSource.getRepository(ArticleRevision).find({ where: { articleId: article.id } });
    expect(revision).toMatchObject({ version: article.version + 1, actorName: 'first.editor@example.com (editor)' });
    expect(Object.keys(revision.changes).sort()).toEqual(['body', 'captions', 'headline']);
    expect(revision.changes.headline).toEqual({ from: 'Talks resume in Baghdad', to: 'Talks resume in Baghdad on Sunday' });
  });

  it('saves nothing when the editor saves the form as loaded, says so, and keeps their version current', async () => {
    const { article, photo, caption } = await articleWithPhoto();
    const author = await insertAuthor(testApp.dataSource);
    await testApp.dataSource.getRepository(Byline).save({ articleId: article.id, authorId: author.id, role: BylineRole.Writer, position: 0 });
    const url = `/admin/api/resources/Article/records/${article.id}/edit`;
    const revisions = () => testApp.dataSource.getRepository(ArticleRevision).countBy({ articleId: article.id });

    // What the edit page sends back when nothing was typed: every field, as the form loaded it.
    const form = await get(url, editor.cookie);
    const asLoaded = {
      version: Number(form.body.record.params.version),
      headline: form.body.record.params.headline,
      slug: form.body.record.params.slug,
      body: article.body,
      captions: form.body.editor.captions.map(({ id, text }: { id: number; text: string }) => ({ id, text })),
      credits: form.body.editor.captions.map(({ photoId, credit }: { photoId: number; credit: string }) => ({ photoId, credit })),
      bylines: form.body.editor.bylines.map(({ authorId, role }: { authorId: number; role: string }) => ({ authorId, role })),
    };
    for (let press = 0; press < 2; press++) {
      const unchanged = await post(url, editor.cookie, asLoaded);
      expect(unchanged.status).toBe(200);
      expect(unchanged.body.problem).toBeUndefined();
      expect(unchanged.body.notice).toEqual({ message: 'No changes to save', type: 'info' });
      expect(unchanged.body.redirectUrl).toBeUndefined();
    }
    expect(await reload(article.id)).toMatchObject({ headline: article.headline, version: article.version, updatedAt: article.updatedAt });
    expect(await revisions()).toBe(0);
    const history = await get(`/admin/api/resources/Article/records/${article.id}/history`, editor.cookie);
    expect(history.body.history).toEqual([]);

    // Nothing was saved, so the version the editor holds still saves; after that, the same unchanged form is stale.
    const real = await post(url, editor.cookie, { ...asLoaded, captions: [{ id: caption.id, text: 'Delegates arrive at last' }] });
    expect(real.body.notice).toEqual({ message: 'Article saved', type: 'success' });
    expect((await reload(article.id)).version).toBe(article.version + 1);
    expect(await revisions()).toBe(1);
    const stale = await post(url, secondEditor.cookie, asLoaded);
    expect(stale.body.problem).toMatchObject({ code: 'ARTICLE_VERSION_CONFLICT', changedBy: 'first.editor@example.com (editor)' });

    // A credit is the photo's, not the article's copy: the save is saved (and says so), and the article's version stays,
    // so an API client's If-Match and a colleague's open edit page of another article printing the photo stay valid.
    const credit = await post(url, editor.cookie, { ...asLoaded, version: article.version + 1, captions: [{ id: caption.id, text: 'Delegates arrive at last' }], credits: [{ photoId: photo.id, credit: 'AP Photo/Hadi Mizban' }] });
    expect(credit.body.notice).toEqual({ message: 'Article saved', type: 'success' });
    expect((await testApp.dataSource.getRepository(Photo).findOneByOrFail({ id: photo.id })).credit).toBe('AP Photo/Hadi Mizban');
    expect((await reload(article.id)).version).toBe(article.version + 1);
    expect(await revisions()).toBe(1);
    // History shows it all the same, above the caption's version: who, when, and the words that changed.
    const withCredit = (await get(`/admin/api/resources/Article/records/${article.id}/history`, editor.cookie)).body.history;
    expect(withCredit.map((entry: { kind: string }) => entry.kind)).toEqual(['credit', 'version']);
    expect(withCredit[0]).toMatchObject({ photoId: photo.id, actorName: 'first.editor@example.com (editor)', credit: { from: 'Photo by AFP', to: 'AP Photo/Hadi Mizban' } });
    expect(withCredit[0].creditDiff.words).toEqual(expect.arrayContaining([{ kind: 'removed', text: expect.stringContaining('AFP') }, { kind: 'added', text: expect.stringContaining('Mizban') }]));
    // The other article printing the photo shows it too; one that does not, does not.
    const other = await insertArticle(testApp.dataSource);
    await testApp.dataSource.getRepository(Caption).save({ articleId: other.id, photoId: photo.id, position: 0, text: 'Elsewhere' });
    expect((await get(`/admin/api/resources/Article/records/${other.id}/history`, editor.cookie)).body.history).toEqual([expect.objectContaining({ kind: 'credit', photoId: photo.id })]);
    const unrelated = await insertArticle(testApp.dataSource);
    expect((await get(`/admin/api/resources/Article/records/${unrelated.id}/history`, editor.cookie)).body.history).toEqual([]);
    // The photo's own page lists its credit changes; a photo never re-credited lists none.
    const photoHistory = (await get(`/admin/api/resources/Photo/records/${photo.id}/creditHistory`, editor.cookie)).body.changes;
    expect(photoHistory).toEqual([{ id: expect.any(Number), fromCredit: 'Photo by AFP', toCredit: 'AP Photo/Hadi Mizban', actorName: 'first.editor@example.com (editor)', createdAt: expect.any(String) }]);
    const untouched = await insertPhoto(testApp.dataSource, { credit: 'EPA' });
    expect((await get(`/admin/api/resources/Photo/records/${untouched.id}/creditHistory`, editor.cookie)).body.changes).toEqual([]);
  });

  it('refuses credits for photos the article does not print, saving nothing', async () => {
    const { article } = await articleWithPhoto();
    const other = await articleWithPhoto();
    const url = `/admin/api/resources/Article/records/${article.id}/edit`;
    const refused = await post(url, editor.cookie, {
      version: article.version,
      headline: 'This headline must not be saved',
      credits: [{ photoId: other.photo.id, credit: 'Someone else' }],
    });
    expect(refused.body.problem).toMatchObject({ code: 'ARTICLE_INVALID_REQUEST', status: 400 });
    expect(await reload(article.id)).toMatchObject({ headline: article.headline, version: article.version });
    expect((await testApp.dataSource.getRepository(Photo).findOneByOrFail({ id: other.photo.id })).credit).toBe(other.photo.credit);
  });

  it('saves nothing at all when the credit cannot be saved: the editor’s save is one transaction', async () => {
    const { article, photo, caption } = await articleWithPhoto();
    // The photo is also in live copy, which a contributor may not change; the draft itself they may edit.
    const live = await insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date() });
    await testApp.dataSource.getRepository(Caption).save({ articleId: live.id, photoId: photo.id, position: 0, text: 'The same picture, live' });
    const author = await insertAuthor(testApp.dataSource);

    const refused = await post(`/admin/api/resources/Article/records/${article.id}/edit`, contributor.cookie, {
      version: article.version,
      headline: 'Must not be saved',
      body: ['Must not be saved either.'],
      captions: [{ id: caption.id, text: 'Nor this caption' }],
      bylines: [{ authorId: author.id, role: 'writer' }],
      credits: [{ photoId: photo.id, credit: 'Nor this credit' }],
    });
    expect(refused.status).toBe(403);
    expect(await reload(article.id)).toMatchObject({ headline: article.headline, body: article.body, version: article.version });
    expect((await testApp.dataSource.getRepository(Caption).findOneByOrFail({ id: caption.id })).text).toBe('Delegates arrive');
    expect(await testApp.dataSource.getRepository(Byline).countBy({ articleId: article.id })).toBe(0);
    expect((await testApp.dataSource.getRepository(Photo).findOneByOrFail({ id: photo.id })).credit).toBe('Photo by AFP');
    expect(await testApp.dataSource.getRepository(ArticleRevision).countBy({ articleId: article.id })).toBe(0);

    // The same save without the credit change is theirs to make.
    const allowed = await post(`/admin/api/resources/Article/records/${article.id}/edit`, contributor.cookie, {
      version: article.version,
      headline: 'A contributor’s headline',
      credits: [{ photoId: photo.id, credit: 'Photo by AFP' }],
    });
    expect(allowed.body.problem).toBeUndefined();
    expect(await reload(article.id)).toMatchObject({ headline: 'A contributor’s headline', version: article.version + 1 });
  });

  it('saves a caption edited on its own (Captions → Edit) as an edit of its article, like the API (and nothing when unchanged)', async () => {
    const { article, caption } = await articleWithPhoto();
    const edit = (cookie: string, text: string) =>
      request(testApp.app.getHttpServer()).post(`/admin/api/resources/Caption/records/${caption.id}/edit`).set('Cookie', cookie).field('text', text);

    const unchanged = await edit(editor.cookie, 'Delegates arrive');
    expect(unchanged.body.notice).toEqual({ message: 'No changes to save', type: 'info' });
    expect(unchanged.body.redirectUrl).toBeUndefined();
    expect((await reload(article.id)).version).toBe(article.version);

    const saved = await edit(editor.cookie, 'Delegates arrive in Baghdad');
    expect(saved.body.notice).toMatchObject({ type: 'success' });
    expect((await testApp.dataSource.getRepository(Caption).findOneByOrFail({ id: caption.id })).text).toBe('Delegates arrive in Baghdad');
    expect((await reload(article.id)).version).toBe(article.version + 1);
    const history = await get(`/admin/api/resources/Article/records/${article.id}/history`, editor.cookie);
    expect(history.body.history[0]).toMatchObject({ version: article.version + 1, actorName: 'first.editor@example.com (editor)', changed: ['captions'], changedLabels: ['Captions'] });
    expect(history.body.history[0].captions).toEqual({ from: { [caption.id]: 'Delegates arrive' }, to: { [caption.id]: 'Delegates arrive in Baghdad' } });

    // Someone who loaded the article before the caption edit is told, instead of overwriting it.
    const stale = await post(`/admin/api/resources/Article/records/${article.id}/edit`, secondEditor.cookie, { version: article.version, captions: [{ id: caption.id, text: 'Old text' }] });
    expect(stale.body.problem).toMatchObject({ code: 'ARTICLE_VERSION_CONFLICT', changedBy: 'first.editor@example.com (editor)' });

    await testApp.dataSource.getRepository(Article).update({ id: article.id }, { status: ArticleStatus.Published, publishedAt: new Date() });
    expect((await edit(contributor.cookie, 'A contributor may not change live copy')).status).toBe(403);
    expect((await testApp.dataSource.getRepository(Caption).findOneByOrFail({ id: caption.id })).text).toBe('Delegates arrive in Baghdad');
    expect((await reload(article.id)).version).toBe(article.version + 1);
  });

  it('refuses a new author (or a rename) that is a spelling variant of an existing one beside the name, linking that author, keeping what was typed', async () => {
    const existing = await insertAuthor(testApp.dataSource, { name: 'Layla Haddad', key: authorKey('Layla Haddad') });
    const created = await request(testApp.app.getHttpServer()).post('/admin/api/resources/Author/actions/new').set('Cookie', editor.cookie).field('name', 'LAYLA  HADDAD');
    expect(created.status).toBe(200);
    expect(created.body.notice).toEqual({ message: expect.stringContaining(`already known as author ${existing.id}`), type: 'error' });
    // A record for the form to keep (AdminJS's "new" form shows a generic error and throws without one), the refusal on the name.
    expect(created.body.record).toMatchObject({ id: '', params: { name: 'LAYLA  HADDAD' } });
    expect(created.body.record.errors.name).toEqual({
      message: created.body.notice.message,
      type: 'AUTHOR_ALREADY_EXISTS',
      link: { href: `/admin/resources/Author/records/${existing.id}/show`, label: `Open author ${existing.id}` },
    });
    expect(await testApp.dataSource.getRepository(Author).countBy({ key: authorKey('Layla Haddad') })).toBe(1);

    const other = await insertAuthor(testApp.dataSource, { name: 'Someone Else', key: authorKey('Someone Else') });
    const renamed = await request(testApp.app.getHttpServer()).post(`/admin/api/resources/Author/records/${other.id}/edit`).set('Cookie', editor.cookie).field('name', 'layla haddad');
    expect(renamed.body.record.errors.name.link.href).toBe(`/admin/resources/Author/records/${existing.id}/show`);
    expect((await testApp.dataSource.getRepository(Author).findOneByOrFail({ id: other.id })).name).toBe('Someone Else');
  });

  it('says "No changes to save" for a photo or author form saved as loaded, writing nothing, and "Saved" once something changed', async () => {
    const photographer = await insertAuthor(testApp.dataSource, { name: 'Hadi Mizban', key: authorKey('Hadi Mizban') });
    const photo = await insertPhoto(testApp.dataSource, { url: 'https://img.example.com/baghdad.jpg', credit: 'AP Photo/Hadi Mizban', agency: 'AP', photographerId: photographer.id });
    const editForm = (resource: string, id: number, fields: Record<string, string>) => {
      const form = request(testApp.app.getHttpServer()).post(`/admin/api/resources/${resource}/records/${id}/edit`).set('Cookie', editor.cookie);
      for (const [field, value] of Object.entries(fields)) form.field(field, value);
      return form;
    };
    const photoForm = { url: 'https://img.example.com/baghdad.jpg', credit: 'AP Photo/Hadi Mizban', agency: 'AP', photographerId: String(photographer.id) };
    const photos = testApp.dataSource.getRepository(Photo);
    const authors = testApp.dataSource.getRepository(Author);

    const unchangedPhoto = await editForm('Photo', photo.id, photoForm);
    expect(unchangedPhoto.body.notice).toEqual({ message: 'No changes to save', type: 'info' });
    expect(unchangedPhoto.body.redirectUrl).toBeUndefined();
    expect((await photos.findOneByOrFail({ id: photo.id })).updatedAt).toEqual(photo.updatedAt);
    const unchangedAuthor = await editForm('Author', photographer.id, { name: 'Hadi Mizban' });
    expect(unchangedAuthor.body.notice).toEqual({ message: 'No changes to save', type: 'info' });
    expect(unchangedAuthor.body.redirectUrl).toBeUndefined();
    expect((await authors.findOneByOrFail({ id: photographer.id })).updatedAt).toEqual(photographer.updatedAt);

    const savedPhoto = await editForm('Photo', photo.id, { ...photoForm, agency: 'Associated Press' });
    expect(savedPhoto.body.notice).toEqual({ message: 'Saved', type: 'success' });
    expect(savedPhoto.body.redirectUrl).toContain(`/Photo/records/${photo.id}/show`);
    expect(await photos.findOneByOrFail({ id: photo.id })).toMatchObject({ agency: 'Associated Press', credit: 'AP Photo/Hadi Mizban' });
    const savedAuthor = await editForm('Author', photographer.id, { name: 'Hadi Mizban Jr' });
    expect(savedAuthor.body.notice).toEqual({ message: 'Saved', type: 'success' });
    expect((await authors.findOneByOrFail({ id: photographer.id })).name).toBe('Hadi Mizban Jr');
  });

  it('refuses a stale save with a conflict naming who saved first and when, writing nothing', async () => {
    const { article } = await articleWithPhoto();
    const url = `/admin/api/resources/Article/records/${article.id}/edit`;
    await post(url, editor.cookie, { version: article.version, headline: 'First editor wins' });

    const stale = await post(url, secondEditor.cookie, { version: article.version, headline: 'Second editor typed this' });
    expect(stale.status).toBe(200);
    expect(stale.body.notice.type).toBe('error');
    expect(stale.body.problem).toMatchObject({ code: 'ARTICLE_VERSION_CONFLICT', currentVersion: article.version + 1, changedBy: 'first.editor@example.com (editor)' });
    expect(stale.body.problem.detail).toContain('first.editor@example.com (editor) saved article');
    expect(Date.parse(stale.body.problem.changedAt)).not.toBeNaN();
    expect((await reload(article.id)).headline).toBe('First editor wins');
  });

  it('shows the history with diffs and restores an earlier version as a new save', async () => {
    const { article } = await articleWithPhoto();
    const edit = `/admin/api/resources/Article/records/${article.id}/edit`;
    await post(edit, editor.cookie, { version: article.version, headline: 'Second headline' });
    await post(edit, editor.cookie, { version: article.version + 1, headline: 'Third headline', body: ['First paragraph.', 'Rewritten.'] });

    const history = await get(`/admin/api/resources/Article/records/${article.id}/history`, editor.cookie);
    expect(history.status).toBe(200);
    expect(history.body.history.map((entry: { version: number }) => entry.version)).toEqual([article.version + 2, article.version + 1]);
    expect(history.body.history[0].body).toContainEqual(expect.objectContaining({ kind: 'changed', left: 'Second paragraph.', right: 'Rewritten.' }));
    // History names what changed in the panel's words, not the field names.
    expect(history.body.history[0]).toMatchObject({ changed: ['body', 'headline'], changedLabels: ['Body', 'Headline'] });

    const first = history.body.history[1];
    const restored = await post(`/admin/api/resources/Article/records/${article.id}/history`, editor.cookie, { revisionId: first.id, version: article.version + 2 });
    expect(restored.body.notice).toMatchObject({ type: 'success' });
    const after = await reload(article.id);
    expect(after).toMatchObject({ headline: 'Second headline', body: ['First paragraph.', 'Second paragraph.'], version: article.version + 3 });
  });

  it('restores the order of the photos too; a photo added since keeps its place, or goes last if the restored order needs it', async () => {
    const article = await insertArticle(testApp.dataSource, { headline: 'Floods reach Basra' });
    const captions = testApp.dataSource.getRepository(Caption);
    const [a, b, c] = await Promise.all(
      ['Flooded street', 'Rescue boat', 'Aerial view'].map(async (text, position) => captions.save({ articleId: article.id, photoId: (await insertPhoto(testApp.dataSource)).id, position, text })),
    );
    const order = async () => (await captions.find({ where: { articleId: article.id }, order: { position: 'ASC' } })).map(({ id, position }) => ({ id, position }));
    const edit = `/admin/api/resources/Article/records/${article.id}/edit`;
    await post(edit, editor.cookie, { version: article.version, headline: 'Floods reach Basra, thousands leave' });
    const [ordered] = await testApp.dataSource.getRepository(ArticleRevision).findBy({ articleId: article.id });

    // The first photo moves to the end (Captions → Edit), then a new photo is printed first.
    const moved = await request(testApp.app.getHttpServer()).post(`/admin/api/resources/Caption/records/${a.id}/edit`).set('Cookie', editor.cookie).field('position', '5');
    expect(moved.body.notice).toMatchObject({ type: 'success' });
    const added = await testApp.app.get(CaptionsService).create(
      { articleId: article.id, photoId: (await insertPhoto(testApp.dataSource)).id, text: 'Map of the flooding', position: 0 },
      await insertUserActor(testApp.dataSource, UserRole.Editor),
    );
    const d = added.caption;
    expect(await order()).toEqual([{ id: d.id, position: 0 }, { id: b.id, position: 1 }, { id: c.id, position: 2 }, { id: a.id, position: 5 }]);

    const restored = await post(`/admin/api/resources/Article/records/${article.id}/history`, editor.cookie, { revisionId: ordered.id, version: added.article.version });
    expect(restored.body.notice).toEqual({ message: `Restored version ${ordered.version}; the article is now at version ${added.article.version + 1}.`, type: 'success' });
    // The restored version's order, and the photo it did not know after them: its place was the first photo's.
    expect(await order()).toEqual([{ id: a.id, position: 0 }, { id: b.id, position: 1 }, { id: c.id, position: 2 }, { id: d.id, position: 6 }]);
    expect(await reload(article.id)).toMatchObject({ headline: 'Floods reach Basra, thousands leave', version: added.article.version + 1 });
    const [latest] = restored.body.history;
    expect(latest).toMatchObject({
      version: added.article.version + 1,
      changed: ['captionPositions'],
      changedLabels: ['Photo order'],
      restore: { revisionId: ordered.id, version: ordered.version, skippedCaptions: [] },
      captionPositions: { from: { [a.id]: 5, [d.id]: 0 }, to: { [a.id]: 0, [d.id]: 6 } },
    });

    // Restoring it again finds nothing to change, and says so.
    const again = await post(`/admin/api/resources/Article/records/${article.id}/history`, editor.cookie, { revisionId: ordered.id, version: added.article.version + 1 });
    expect(again.body.notice).toEqual({ message: `Nothing to restore: the article already matches version ${ordered.version}.`, type: 'info' });
    expect((await reload(article.id)).version).toBe(added.article.version + 1);
    expect(again.body.history).toHaveLength(restored.body.history.length);
  });

  it('restores a merged-away article without the captions the merge moved, naming them in the notice and in History', async () => {
    const { original, duplicate } = await flaggedPair();
    const [shared, only] = [await insertPhoto(testApp.dataSource), await insertPhoto(testApp.dataSource)];
    await testApp.dataSource.getRepository(Caption).save({ articleId: original.id, photoId: shared.id, position: 0, text: 'The original’s caption' });
    const captions = testApp.dataSource.getRepository(Caption);
    const kept = await captions.save({ articleId: duplicate.id, photoId: shared.id, position: 0, text: 'Shared photo' });
    const moving = await captions.save({ articleId: duplicate.id, photoId: only.id, position: 1, text: 'Only this copy had it' });
    await post(`/admin/api/resources/Article/records/${duplicate.id}/edit`, editor.cookie, { version: duplicate.version, captions: [{ id: kept.id, text: 'Shared photo, corrected' }] });
    const [beforeMerge] = await testApp.dataSource.getRepository(ArticleRevision).findBy({ articleId: duplicate.id });
    await post(`/admin/api/resources/Duplicates/records/${duplicate.id}/compare`, editor.cookie, { decision: 'merge', keepId: original.id, version: duplicate.version + 1 });
    expect(await captions.findOneByOrFail({ id: moving.id })).toMatchObject({ articleId: original.id, position: 1 });
    await post(`/admin/api/resources/Article/records/${duplicate.id}/edit`, editor.cookie, { version: duplicate.version + 2, captions: [{ id: kept.id, text: 'Edited after the merge' }] });

    const restored = await post(`/admin/api/resources/Article/records/${duplicate.id}/history`, editor.cookie, { revisionId: beforeMerge.id, version: duplicate.version + 3 });
    expect(restored.body.notice).toEqual({
      message: `Restored version ${beforeMerge.version}; the article is now at version ${duplicate.version + 4}. Left out a caption that is no longer in this article: “Only this copy had it”.`,
      type: 'success',
    });
    expect(await captions.findOneByOrFail({ id: kept.id })).toMatchObject({ articleId: duplicate.id, text: 'Shared photo, corrected' });
    expect(await captions.findOneByOrFail({ id: moving.id })).toMatchObject({ articleId: original.id, position: 1, text: 'Only this copy had it' });
    expect(restored.body.history[0]).toMatchObject({
      version: duplicate.version + 4,
      changed: ['captions'],
      restore: { revisionId: beforeMerge.id, version: beforeMerge.version, skippedCaptions: [{ id: moving.id, text: 'Only this copy had it' }] },
    });
  });

  it('adds, reorders, re-roles and removes bylines from the editor, with the version check and a revision', async () => {
    const { article } = await articleWithPhoto();
    const [writer, second, photographer] = await Promise.all(['Ali Writer', 'Bea Second', 'Cem Lens'].map((name) => insertAuthor(testApp.dataSource, { name })));
    const url = `/admin/api/resources/Article/records/${article.id}/edit`;
    const bylinesNow = async () =>
      (await testApp.dataSource.getRepository(Byline).find({ where: { articleId: article.id }, order: { position: 'ASC' } })).map(({ authorId, role }) => ({ authorId, role }));

    const first = [
      { authorId: writer.id, role: BylineRole.Writer },
      { authorId: second.id, role: BylineRole.Writer },
      { authorId: photographer.id, role: BylineRole.Photographer },
    ];
    const saved = await post(url, editor.cookie, { version: article.version, bylines: first });
    expect(saved.body.problem).toBeUndefined();
    expect(await bylinesNow()).toEqual(first);
    const form = await get(url, editor.cookie);
    expect(form.body.editor.bylines).toEqual([
      { authorId: writer.id, name: 'Ali Writer', role: 'writer' },
      { authorId: second.id, name: 'Bea Second', role: 'writer' },
      { authorId: photographer.id, name: 'Cem Lens', role: 'photographer' },
    ]);

    // Reorder, remove one, and make a writer a photographer too.
    const reordered = [
      { authorId: second.id, role: BylineRole.Writer },
      { authorId: writer.id, role: BylineRole.Writer },
      { authorId: second.id, role: BylineRole.Photographer },
    ];
    expect((await post(url, editor.cookie, { version: article.version + 1, bylines: reordered })).body.problem).toBeUndefined();
    expect(await bylinesNow()).toEqual(reordered);

    // A stale save and bad input change nothing.
    const stale = await post(url, secondEditor.cookie, { version: article.version + 1, bylines: [] });
    expect(stale.body.problem).toMatchObject({ code: 'ARTICLE_VERSION_CONFLICT' });
    for (const bad of [[{ authorId: 999999, role: 'writer' }], [{ authorId: writer.id, role: 'editor' }], [{ authorId: writer.id, role: 'writer' }, { authorId: writer.id, role: 'writer' }]]) {
      const refused = await post(url, editor.cookie, { version: article.version + 2, bylines: bad });
      expect(refused.body.problem).toMatchObject({ code: 'ARTICLE_INVALID_REQUEST', status: 400 });
    }
    expect(await bylinesNow()).toEqual(reordered);
    expect((await reload(article.id)).version).toBe(article.version + 2);

    // History shows the change; restoring the first save brings its bylines back.
    const history = await get(`/admin/api/resources/Article/records/${article.id}/history`, editor.cookie);
    expect(history.body.history[0].changed).toEqual(['bylines']);
    expect(history.body.history[0].bylines.to.map((byline: { name: string; role: string }) => `${byline.name}/${byline.role}`)).toEqual(['Bea Second/writer', 'Ali Writer/writer', 'Bea Second/photographer']);
    const firstSave = history.body.history.find((entry: { version: number }) => entry.version === article.version + 1);
    const restored = await post(`/admin/api/resources/Article/records/${article.id}/history`, editor.cookie, { revisionId: firstSave.id, version: article.version + 2 });
    expect(restored.body.notice).toMatchObject({ type: 'success' });
    expect(await bylinesNow()).toEqual(first);
  });

  it('does not let a contributor change the bylines of a published article', async () => {
    const article = await insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date() });
    const author = await insertAuthor(testApp.dataSource);
    const response = await post(`/admin/api/resources/Article/records/${article.id}/edit`, contributor.cookie, { version: article.version, bylines: [{ authorId: author.id, role: 'writer' }] });
    expect(response.status).toBe(403);
    expect(await testApp.dataSource.getRepository(Byline).countBy({ articleId: article.id })).toBe(0);
  });

  it('does not let a contributor edit a published article through the editor', async () => {
    const article = await insertArticle(testApp.dataSource, { status: ArticleStatus.Published, publishedAt: new Date() });
    const response = await post(`/admin/api/resources/Article/records/${article.id}/edit`, contributor.cookie, { version: article.version, headline: 'x' });
    expect(response.status).toBe(403);
    expect((await reload(article.id)).headline).toBe(article.headline);
  });

  async function flaggedPair() {
    const original = await insertArticle(testApp.dataSource, { body: ['Shared lead.', 'Original detail.', 'Shared end.'] });
    const duplicate = await insertArticle(testApp.dataSource, {
      body: ['Shared lead.', 'Reworded detail.', 'Shared end.'],
      duplicateOfId: original.id,
      duplicateKind: DuplicateKind.Near,
      duplicateScore: 0.8,
    });
    return { original, duplicate };
  }

  it('compares a flagged article with its original paragraph by paragraph', async () => {
    const { original, duplicate } = await flaggedPair();
    const response = await get(`/admin/api/resources/Duplicates/records/${duplicate.id}/compare`, editor.cookie);
    expect(response.status).toBe(200);
    expect(response.body.canResolve).toBe(true);
    expect(response.body.comparison.original.id).toBe(original.id);
    expect(response.body.comparison.paragraphs).toEqual([
      { kind: 'same', left: 'Shared lead.', right: 'Shared lead.' },
      {
        kind: 'changed',
        left: 'Original detail.',
        right: 'Reworded detail.',
        words: [
          { kind: 'removed', text: 'Original' },
          { kind: 'added', text: 'Reworded' },
          { kind: 'same', text: ' detail.' },
        ],
      },
      { kind: 'same', left: 'Shared end.', right: 'Shared end.' },
    ]);
    const queue = await get('/admin/api/resources/Duplicates/actions/list', editor.cookie);
    expect(queue.body.records.map((record: { id: string }) => Number(record.id))).toContain(duplicate.id);
    expect(queue.body.records.map((record: { id: string }) => Number(record.id))).not.toContain(original.id);
  });

  it('merges: keeps the original, moves captions and bylines, unpublishes the duplicate with a pointer', async () => {
    const { original, duplicate } = await flaggedPair();
    const photo = await insertPhoto(testApp.dataSource);
    await testApp.dataSource.getRepository(Caption).save({ articleId: duplicate.id, photoId: photo.id, position: 0, text: 'Only the duplicate had this photo' });
    const author = await insertAuthor(testApp.dataSource);
    await testApp.dataSource.getRepository(Byline).save({ articleId: duplicate.id, authorId: author.id, role: BylineRole.Writer, position: 0 });

    const response = await post(`/admin/api/resources/Duplicates/records/${duplicate.id}/compare`, editor.cookie, { decision: 'merge', keepId: original.id, version: duplicate.version });
    expect(response.body.notice).toMatchObject({ type: 'success' });

    const retired = await reload(duplicate.id);
    expect(retired).toMatchObject({ status: ArticleStatus.Unpublished, mergedIntoId: original.id, duplicateKind: null, duplicateOfId: null });
    expect(await testApp.dataSource.getRepository(Caption).findBy({ articleId: original.id })).toHaveLength(1);
    expect(await testApp.dataSource.getRepository(Byline).findBy({ articleId: original.id })).toEqual([expect.objectContaining({ authorId: author.id })]);

    // Both changed articles get a revision for their new version, shown in History.
    const kept = await reload(original.id);
    const merge = { keptId: original.id, retiredId: duplicate.id, captionsMoved: 1, bylinesMoved: 1 };
    const keptHistory = await get(`/admin/api/resources/Article/records/${original.id}/history`, editor.cookie);
    expect(keptHistory.body.history[0]).toMatchObject({ version: kept.version, actorName: 'first.editor@example.com (editor)', merge, changed: ['bylines', 'captions'] });
    expect(Object.values(keptHistory.body.history[0].captions.to)).toEqual(['Only the duplicate had this photo']);
    expect(keptHistory.body.history[0].bylines).toEqual({ from: [], to: [{ authorId: author.id, role: 'writer', name: author.name }] });
    const retiredHistory = await get(`/admin/api/resources/Article/records/${duplicate.id}/history`, editor.cookie);
    expect(retiredHistory.body.history[0]).toMatchObject({ version: retired.version, merge, changed: ['bylines'] });
    expect(retiredHistory.body.history[0].bylines.to).toEqual([]);
    const [keptRevision] = await testApp.dataSource.getRepository(ArticleRevision).findBy({ articleId: original.id, version: kept.version });
    expect(Object.values(keptRevision.snapshot.captions)).toEqual(['Only the duplicate had this photo']);
  });

  it('"Not a duplicate" clears the flag, remembers the pair for the importer and records the decision in History', async () => {
    const { original, duplicate } = await flaggedPair();
    const response = await post(`/admin/api/resources/Duplicates/records/${duplicate.id}/compare`, editor.cookie, { decision: 'not-duplicate', version: duplicate.version });
    expect(response.body.notice).toMatchObject({ type: 'success' });
    expect(await reload(duplicate.id)).toMatchObject({ duplicateKind: null, duplicateOfId: null, status: ArticleStatus.Draft, version: duplicate.version + 1 });
    expect(await isDismissedDuplicatePair(testApp.dataSource.manager, original.contentHash, duplicate.contentHash)).toBe(true);
    expect(await isDismissedDuplicatePair(testApp.dataSource.manager, duplicate.contentHash, original.contentHash)).toBe(true);

    const history = await get(`/admin/api/resources/Article/records/${duplicate.id}/history`, editor.cookie);
    expect(history.body.history).toHaveLength(1);
    expect(history.body.history[0]).toMatchObject({
      version: duplicate.version + 1,
      actorName: 'first.editor@example.com (editor)',
      notDuplicate: { otherArticleId: original.id, kind: 'near', score: expect.closeTo(0.8, 5) },
      changed: [],
    });
    const [revision] = await testApp.dataSource.getRepository(ArticleRevision).findBy({ articleId: duplicate.id });
    expect(revision.snapshot).toMatchObject({ headline: duplicate.headline, body: duplicate.body });
    expect(await testApp.dataSource.getRepository(ArticleRevision).countBy({ articleId: original.id })).toBe(0);

    // An editor still holding the flagged version learns who cleared the flag.
    const stale = await post(`/admin/api/resources/Article/records/${duplicate.id}/edit`, secondEditor.cookie, { version: duplicate.version, headline: 'Typed while flagged' });
    expect(stale.body.problem).toMatchObject({ code: 'ARTICLE_VERSION_CONFLICT', changedBy: 'first.editor@example.com (editor)' });
  });

  it('merge and "Not a duplicate" on a stale version change nothing and name who saved the newer one', async () => {
    const { original, duplicate } = await flaggedPair();
    // The second editor opened Compare; meanwhile the first editor fixed the duplicate's headline.
    await post(`/admin/api/resources/Article/records/${duplicate.id}/edit`, editor.cookie, { version: duplicate.version, headline: 'Fixed while flagged' });
    const compare = `/admin/api/resources/Duplicates/records/${duplicate.id}/compare`;
    for (const decision of [{ decision: 'not-duplicate' }, { decision: 'merge', keepId: original.id }]) {
      const stale = await post(compare, secondEditor.cookie, { ...decision, version: duplicate.version });
      expect(stale.body.notice.type).toBe('error');
      expect(stale.body.problem).toMatchObject({ code: 'ARTICLE_VERSION_CONFLICT', currentVersion: duplicate.version + 1, changedBy: 'first.editor@example.com (editor)' });
      expect(stale.body.problem.detail).toContain('first.editor@example.com (editor) saved article');
    }
    expect(await reload(duplicate.id)).toMatchObject({ duplicateKind: DuplicateKind.Near, duplicateOfId: original.id, mergedIntoId: null, version: duplicate.version + 1 });
    expect(await reload(original.id)).toMatchObject({ version: original.version });
    expect(await isDismissedDuplicatePair(testApp.dataSource.manager, original.contentHash, duplicate.contentHash)).toBe(false);
    expect(await testApp.dataSource.getRepository(ArticleRevision).countBy({ articleId: duplicate.id })).toBe(1);
  });

  it('refuses a merge or "not a duplicate" when the original was saved after the compare, changing nothing', async () => {
    const { original, duplicate } = await flaggedPair();
    const photo = await insertPhoto(testApp.dataSource);
    await testApp.dataSource.getRepository(Caption).save({ articleId: duplicate.id, photoId: photo.id, position: 0, text: 'Only the duplicate had this photo' });
    const compare = `/admin/api/resources/Duplicates/records/${duplicate.id}/compare`;
    // The second editor opens Compare; the versions it shows are the ones the merge will send back.
    const compared = (await get(compare, secondEditor.cookie)).body.comparison;
    expect(compared).toMatchObject({ version: duplicate.version, original: { id: original.id, version: original.version } });
    // Meanwhile the first editor rewrites the original.
    await post(`/admin/api/resources/Article/records/${original.id}/edit`, editor.cookie, { version: original.version, headline: 'Original rewritten meanwhile' });

    for (const keepId of [original.id, duplicate.id]) {
      const stale = await post(compare, secondEditor.cookie, { decision: 'merge', keepId, version: compared.version, originalVersion: compared.original.version });
      expect(stale.body.notice.type).toBe('error');
      expect(stale.body.redirectUrl).toBeUndefined();
      expect(stale.body.problem).toMatchObject({ code: 'ARTICLE_VERSION_CONFLICT', currentVersion: original.version + 1, changedBy: 'first.editor@example.com (editor)' });
      expect(stale.body.problem.detail).toContain(`first.editor@example.com (editor) saved article ${original.id}`);
    }
    expect(await reload(duplicate.id)).toMatchObject({ status: ArticleStatus.Draft, duplicateKind: DuplicateKind.Near, duplicateOfId: original.id, mergedIntoId: null, version: duplicate.version });
    expect(await reload(original.id)).toMatchObject({ status: ArticleStatus.Draft, mergedIntoId: null, headline: 'Original rewritten meanwhile', version: original.version + 1 });
    expect(await testApp.dataSource.getRepository(Caption).findBy({ articleId: duplicate.id })).toHaveLength(1);
    expect(await testApp.dataSource.getRepository(ArticleRevision).countBy({ articleId: duplicate.id })).toBe(0);
    expect(await testApp.dataSource.getRepository(ArticleRevision).countBy({ articleId: original.id })).toBe(1);

    // "Not a duplicate" would remember the pair by the original's new text, which the editor never saw.
    const staleDismiss = await post(compare, secondEditor.cookie, { decision: 'not-duplicate', version: compared.version, originalVersion: compared.original.version });
    expect(staleDismiss.body.problem).toMatchObject({ code: 'ARTICLE_VERSION_CONFLICT', currentVersion: original.version + 1, changedBy: 'first.editor@example.com (editor)' });
    expect(await reload(duplicate.id)).toMatchObject({ duplicateKind: DuplicateKind.Near, duplicateOfId: original.id, version: duplicate.version });
    expect(await isDismissedDuplicatePair(testApp.dataSource.manager, (await reload(original.id)).contentHash, duplicate.contentHash)).toBe(false);

    // Compared again, the merge goes through.
    const recompared = (await get(compare, secondEditor.cookie)).body.comparison;
    const merged = await post(compare, secondEditor.cookie, { decision: 'merge', keepId: original.id, version: recompared.version, originalVersion: recompared.original.version });
    expect(merged.body.notice).toMatchObject({ type: 'success' });
    expect(await reload(duplicate.id)).toMatchObject({ mergedIntoId: original.id, status: ArticleStatus.Unpublished });
  });

  it('does not let a contributor merge (403), though they may compare', async () => {
    const { original, duplicate } = await flaggedPair();
    expect((await get(`/admin/api/resources/Duplicates/records/${duplicate.id}/compare`, contributor.cookie)).body.canResolve).toBe(false);
    const response = await post(`/admin/api/resources/Duplicates/records/${duplicate.id}/compare`, contributor.cookie, { decision: 'merge', keepId: original.id, version: duplicate.version });
    expect(response.status).toBe(403);
    expect((await reload(duplicate.id)).duplicateKind).toBe(DuplicateKind.Near);
  });

  it('lists, filters, searches and sorts articles', async () => {
    const marker = `zanzibar${Date.now()}`;
    const draft = await insertArticle(testApp.dataSource, { headline: `Storm over ${marker} harbour` });
    await insertArticle(testApp.dataSource, { headline: `Calm in ${marker} port`, status: ArticleStatus.Published, publishedAt: new Date() });
    const list = (query: string) => get(`/admin/api/resources/Article/actions/list?${query}`, editor.cookie);

    const searched = await list(`filters.headline=${marker}`);
    expect(searched.body.meta.total).toBe(2);
    const filtered = await list(`filters.headline=${marker}&filters.status=draft`);
    expect(filtered.body.records.map((record: { id: string }) => Number(record.id))).toEqual([draft.id]);
    const sorted = await list(`filters.headline=${marker}&sortBy=headline&direction=asc`);
    expect(sorted.body.records.map((record: { params: { headline: string } }) => record.params.headline)).toEqual([`Calm in ${marker} port`, `Storm over ${marker} harbour`]);
    // Every column sorts, the Import column included (by import, then most recently updated).
    const imported = await insertImport(testApp.dataSource);
    await testApp.dataSource.getRepository(Article).update({ id: draft.id }, { importId: imported.id });
    for (const direction of ['asc', 'desc']) {
      const byImport = await list(`filters.headline=${marker}&sortBy=importId&direction=${direction}`);
      expect(byImport.status).toBe(200);
      const importIds = byImport.body.records.map((record: { params: { importId?: number } }) => record.params.importId ?? null);
      expect(importIds).toEqual(direction === 'asc' ? [imported.id, null] : [null, imported.id]);
    }

    const bad = await list('filters.status=archived');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('unknown status "archived"');
  });

  it('schedules and bulk-publishes through PublishingService', async () => {
    const scheduled = await insertArticle(testApp.dataSource);
    const at = new Date(Date.now() + 3_600_000);
    const response = await request(testApp.app.getHttpServer())
      .post(`/admin/api/resources/Article/records/${scheduled.id}/schedule`)
      .set('Cookie', editor.cookie)
      .field('at', at.toISOString());
    expect(response.body.notice).toMatchObject({ type: 'success' });
    expect((await reload(scheduled.id)).scheduledAt).toEqual(at);

    const [a, b] = [await insertArticle(testApp.dataSource), await insertArticle(testApp.dataSource)];
    const bulk = await request(testApp.app.getHttpServer()).post(`/admin/api/resources/Article/bulk/bulkPublish?recordIds=${a.id},${b.id}`).set('Cookie', editor.cookie).field('go', '1');
    expect(bulk.body.notice).toMatchObject({ message: 'Published 2 articles', type: 'success' });
    expect((await reload(a.id)).status).toBe(ArticleStatus.Published);
    expect((await reload(b.id)).status).toBe(ArticleStatus.Published);
  });

  it('uploads a wire dump from Imports → New and queues it', async () => {
    const bytes = await readFile(join(__dirname, '..', 'samples', 'aawsat-sample.txt'));
    const response = await request(testApp.app.getHttpServer())
      .post('/admin/api/resources/Import/actions/new')
      .set('Cookie', editor.cookie)
      .attach('file', bytes, { filename: 'aawsat-sample.txt', contentType: 'text/plain' });
    expect(response.status).toBe(200);
    expect(response.body.notice).toMatchObject({ type: 'success' });
    const id = Number(response.body.record.id);
    expect(await testApp.dataSource.getRepository(Import).findOneByOrFail({ id })).toMatchObject({ fileName: 'aawsat-sample.txt' });
  });

  it('answers the dashboard with counts and the latest imports', async () => {
    const response = await get('/admin/api/dashboard', editor.cookie);
    expect(response.status).toBe(200);
    expect(response.body.articlesByStatus.draft).toBeGreaterThan(0);
    expect(response.body.duplicatesWaiting).toBeGreaterThan(0);
    expect(response.body.latestImports.length).toBeGreaterThan(0);
  });
});
