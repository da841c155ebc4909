import { BucketAlreadyOwnedByYou, CreateBucketCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import request from 'supertest';
import { Actor } from '../src/auth/actor';
import { MEDIA_STORAGE, type MediaStorage } from '../src/photos/media-storage';
import { PhotoImagesService } from '../src/photos/photo-images.service';
import { PhotoRendition } from '../src/photos/photo-rendition.entity';
import { S3MediaStorage, s3ClientFor, s3SettingsFrom } from '../src/photos/s3-media-storage';
import { insertPhoto } from './support/fixtures';
import { createTestDatabase } from './support/test-database';
import { bootTestApp, TestApp } from './support/test-app';

/**
 * The S3 backend against a real S3-compatible server. There is none on a developer's machine or in CI by
 * default, so this runs only where one is configured, e.g. MinIO from docker-compose.yml:
 *   S3_TEST_ENDPOINT=http://127.0.0.1:9000 S3_TEST_ACCESS_KEY_ID=wiredesk S3_TEST_SECRET_ACCESS_KEY=wiredesk-minio-secret
 * (S3_TEST_BUCKET, default wiredesk-test, is created if missing; S3_TEST_REGION defaults to us-east-1).
 * Without a server, src/photos/s3-media-storage.spec.ts still checks the settings and the key layout.
 */
const endpoint = process.env.S3_TEST_ENDPOINT;
const SYSTEM: Actor = { kind: 'system', name: 'test' };

const picture = (red: number) => sharp({ create: { width: 900, height: 600, channels: 3, background: { r: red, g: 90, b: 160 } } }).jpeg().toBuffer();

(endpoint ? describe : describe.skip)('S3 media storage against a server (S3_TEST_ENDPOINT)', () => {
  let testApp: TestApp;
  let storage: MediaStorage;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, {
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: process.env.S3_TEST_BUCKET ?? 'wiredesk-test',
      S3_REGION: process.env.S3_TEST_REGION ?? 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: process.env.S3_TEST_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: process.env.S3_TEST_SECRET_ACCESS_KEY,
      S3_PREFIX: `test-${process.pid}-${Date.now()}/`,
    });
    const settings = s3SettingsFrom(process.env);
    await s3ClientFor(settings)
      .send(new CreateBucketCommand({ Bucket: settings.bucket }))
      .catch((error: unknown) => {
        if (!(error instanceof BucketAlreadyOwnedByYou) && (error as { name?: string }).name !== 'BucketAlreadyExists') throw error;
      });
    testApp = await bootTestApp();
    storage = testApp.app.get(MEDIA_STORAGE);
  }, 60_000);

  afterAll(async () => {
    for (const name of ['MEDIA_STORAGE', 'S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_FORCE_PATH_STYLE', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PREFIX']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    await testApp?.close();
  });

  it('keeps a picture’s renditions in the bucket, serves them, and deletes the replaced ones once the new upload commits', async () => {
    expect(storage).toBeInstanceOf(S3MediaStorage);
    const photo = await insertPhoto(testApp.dataSource);
    const images = testApp.app.get(PhotoImagesService);
    const keys = async () => (await testApp.dataSource.getRepository(PhotoRendition).findBy({ photoId: photo.id })).map((row) => row.storageKey).sort();

    const first = await images.attach(photo.id, await picture(30), SYSTEM);
    const firstKeys = await keys();
    expect(firstKeys).toHaveLength(3);
    for (const key of firstKeys) expect((await storage.get(key))?.length).toBeGreaterThan(0);
    const thumbnail = first.find((rendition) => rendition.name === 'thumbnail')!;
    const served = await request(testApp.app.getHttpServer()).get(thumbnail.href).buffer(true).expect(200);
    expect((await sharp(served.body).metadata()).width).toBe(320);

    // The same picture again: same keys, still there (its removal must not take what it points at).
    await images.attach(photo.id, await picture(30), SYSTEM);
    expect(await keys()).toEqual(firstKeys);
    for (const key of firstKeys) expect(await storage.get(key)).toBeDefined();

    // Another picture: new keys, and the old objects gone.
    await images.attach(photo.id, await picture(200), SYSTEM);
    const secondKeys = await keys();
    expect(secondKeys).not.toEqual(firstKeys);
    for (const key of secondKeys) expect(await storage.get(key)).toBeDefined();
    for (const key of firstKeys) expect(await storage.get(key)).toBeUndefined();
  }, 60_000);

  it('refuses to start against a bucket that does not exist, naming it', async () => {
    const database = await createTestDatabase();
    process.env.S3_BUCKET = 'wiredesk-no-such-bucket';
    try {
      await expect(bootTestApp({ database })).rejects.toThrow(`MEDIA_STORAGE=s3: cannot use bucket "wiredesk-no-such-bucket" at ${endpoint}: it does not exist`);
    } finally {
      process.env.S3_BUCKET = process.env.S3_TEST_BUCKET ?? 'wiredesk-test';
      await database.drop();
    }
  }, 60_000);
});
