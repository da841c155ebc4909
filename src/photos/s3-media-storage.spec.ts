import { PutObjectCommand } from '@aws-sdk/client-s3';
import { InvalidEnvironmentError, validateEnvironment } from '../config/environment';
import { RenditionName } from './photo-rendition.entity';
import { storageKeyOf } from './photo-images.service';
import { objectKey, s3ClientFor, s3SettingsFrom } from './s3-media-storage';

const S3 = { MEDIA_STORAGE: 's3', S3_BUCKET: 'wiredesk-media', S3_REGION: 'eu-central-1' };
const SHA = 'ab'.repeat(32);

/** The request the SDK would send for a PutObject, caught before it leaves (no server here). */
async function requestFor(env: Record<string, string>, key: string): Promise<{ hostname: string; path: string; port?: number }> {
  const settings = s3SettingsFrom(validateEnvironment({ ...env, S3_ACCESS_KEY_ID: 'AKIDEXAMPLE', S3_SECRET_ACCESS_KEY: 'secret-example-key' }));
  const client = s3ClientFor(settings);
  let caught: { hostname: string; path: string; port?: number } | undefined;
  client.middlewareStack.add(
    () => async (args) => {
      caught = args.request as { hostname: string; path: string; port?: number };
      throw new Error('caught before sending');
    },
    { step: 'finalizeRequest', name: 'catchRequest' },
  );
  await expect(client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: objectKey(settings, key), Body: Buffer.from('x') }))).rejects.toThrow('caught before sending');
  return caught!;
}

describe('S3 media storage: settings and key layout', () => {
  it('is off by default, and takes its settings with MEDIA_STORAGE=s3', () => {
    expect(validateEnvironment({}).MEDIA_STORAGE).toBe('postgres');
    const settings = s3SettingsFrom(validateEnvironment({ ...S3, S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b', S3_PREFIX: 'desk/' }));
    expect(settings).toEqual({ bucket: 'wiredesk-media', region: 'eu-central-1', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, prefix: 'desk/' });
    // Without keys, the SDK's own chain (AWS_* variables, instance role) applies.
    expect(s3SettingsFrom(validateEnvironment(S3))).toMatchObject({ credentials: undefined, forcePathStyle: false, prefix: '' });
  });

  it.each([
    [{ MEDIA_STORAGE: 'S3' }, /MEDIA_STORAGE must be postgres or s3/],
    [{ MEDIA_STORAGE: 's3' }, /S3_BUCKET is required when MEDIA_STORAGE=s3[\s\S]*S3_REGION is required/],
    [{ ...S3, S3_BUCKET: 'Media_Bucket' }, /S3_BUCKET must be a bucket name/],
    [{ ...S3, S3_ENDPOINT: 'minio:9000' }, /S3_ENDPOINT must be an http\(s\) URL/],
    [{ ...S3, S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE must be true or false/],
    [{ ...S3, S3_ACCESS_KEY_ID: 'a' }, /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/],
    [{ ...S3, S3_PREFIX: 'desk' }, /S3_PREFIX must be .* ending in \//],
    [{ S3_BUCKET: 'wiredesk-media', S3_REGION: 'eu-central-1' }, /S3_BUCKET, S3_REGION are set but MEDIA_STORAGE is postgres/],
  ])('refuses to start with %j, saying why', (env, message) => {
    expect(() => validateEnvironment(env)).toThrow(InvalidEnvironmentError);
    expect(() => validateEnvironment(env)).toThrow(message);
  });

  it('keeps each rendition under photos/<id>/<size>/<sha256>, after the prefix', () => {
    const key = storageKeyOf(42, { name: RenditionName.Thumbnail, sha256: SHA });
    expect(key).toBe(`photos/42/thumbnail/${SHA}`);
    expect(objectKey({ prefix: '' }, key)).toBe(key);
    expect(objectKey({ prefix: 'desk/' }, key)).toBe(`desk/photos/42/thumbnail/${SHA}`);
  });

  it('addresses an S3-compatible server by path, and AWS by virtual host', async () => {
    const key = storageKeyOf(7, { name: RenditionName.Web, sha256: SHA });
    expect(await requestFor({ ...S3, S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'true', S3_PREFIX: 'desk/' }, key)).toMatchObject({
      hostname: '127.0.0.1',
      port: 9000,
      path: `/wiredesk-media/desk/photos/7/web/${SHA}`,
    });
    expect(await requestFor(S3, key)).toMatchObject({ hostname: 'wiredesk-media.s3.eu-central-1.amazonaws.com', path: `/photos/7/web/${SHA}` });
  });
});
