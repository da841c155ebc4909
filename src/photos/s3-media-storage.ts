import { DeleteObjectsCommand, GetObjectCommand, HeadBucketCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Logger, OnModuleInit } from '@nestjs/common';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { MediaStorage } from './media-storage';

/** Where the S3 backend keeps image bytes, as read from the environment (see `s3SettingsFrom`). */
export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible server's URL (MinIO, Ceph, R2…); unset: AWS's own endpoint for `region`. */
  endpoint?: string;
  /** Bucket in the path (`https://host/bucket/key`) rather than in the host name; what most non-AWS servers need. */
  forcePathStyle: boolean;
  /** Both or neither; neither: the SDK's usual chain (AWS_* variables, shared config, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Put before every key, e.g. `wiredesk/`, so that one bucket can serve several installations. */
  prefix: string;
}

/** The environment variables the S3 backend reads (validated at start-up by `validateEnvironment`). */
export interface S3Environment {
  S3_BUCKET?: string;
  S3_REGION?: string;
  S3_ENDPOINT?: string;
  S3_FORCE_PATH_STYLE?: 'true' | 'false';
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_PREFIX?: string;
}

export function s3SettingsFrom(env: S3Environment): S3Settings {
  if (!env.S3_BUCKET || !env.S3_REGION) throw new Error('MEDIA_STORAGE=s3 needs S3_BUCKET and S3_REGION');
  return {
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    credentials: env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } : undefined,
    prefix: env.S3_PREFIX ?? '',
  };
}

/** The object key for a storage key: the prefix, then the key as PhotoImagesService names it (`photos/<id>/<size>/<sha256>`). */
export function objectKey(settings: Pick<S3Settings, 'prefix'>, key: string): string {
  return `${settings.prefix}${key}`;
}

/** The SDK client for the settings. */
export function s3ClientFor(settings: S3Settings): S3Client {
  return new S3Client({ region: settings.region, endpoint: settings.endpoint, forcePathStyle: settings.forcePathStyle, credentials: settings.credentials });
}

/** DeleteObjects takes at most this many keys a request. */
const DELETE_BATCH = 1000;

/**
 * Image bytes in an S3-compatible bucket. Unlike PostgreSQL, the bucket is not part of the database's
 * transaction, so:
 * - `put` writes at once. Keys are content-addressed, so an object written by a transaction that then rolls
 *   back is never pointed at by a wrong row; it is left behind, costing its bytes only.
 * - `remove` inside a transaction waits for it to commit (a TypeORM subscriber), so a rollback, which keeps
 *   the rows that point at the objects, keeps the objects too.
 * Built by PhotosModule's MEDIA_STORAGE factory when MEDIA_STORAGE=s3; Nest still calls its onModuleInit.
 */
export class S3MediaStorage implements MediaStorage, OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(S3MediaStorage.name);
  private readonly client: S3Client;
  /** Keys each open transaction removed, deleted once it commits. */
  private readonly pending = new WeakMap<QueryRunner, string[]>();

  constructor(
    private readonly settings: S3Settings,
    dataSource: DataSource,
    client?: S3Client,
  ) {
    this.client = client ?? s3ClientFor(settings);
    dataSource.subscribers.push(this);
  }

  /** Start-up refuses to run against a bucket it cannot reach, naming it, instead of failing at the first upload. */
  async onModuleInit(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const why = status === 404 ? 'it does not exist' : status === 403 ? 'access denied: check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY' : (error as Error).message;
      throw new Error(`MEDIA_STORAGE=s3: cannot use bucket "${this.settings.bucket}" at ${this.settings.endpoint ?? `AWS ${this.settings.region}`}: ${why}`);
    }
  }

  async put(_manager: EntityManager, key: string, bytes: Buffer): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.settings.bucket, Key: objectKey(this.settings, key), Body: bytes, ContentLength: bytes.length }));
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: objectKey(this.settings, key) }));
      return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  async remove(manager: EntityManager, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) {
      this.pending.set(runner, [...(this.pending.get(runner) ?? []), ...keys]);
      return;
    }
    await this.deleteNow(keys);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const keys = this.pending.get(event.queryRunner);
    if (!keys) return;
    this.pending.delete(event.queryRunner);
    // The commit stands whatever happens here: an object that could not be deleted is only left behind.
    await this.deleteNow(keys).catch((error: Error) => this.logger.warn(`could not delete ${keys.length} replaced image object(s): ${error.message}`));
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.pending.delete(event.queryRunner);
  }

  private async deleteNow(keys: readonly string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH);
      const answer = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.settings.bucket, Delete: { Objects: batch.map((key) => ({ Key: objectKey(this.settings, key) })), Quiet: true } }),
      );
      if (answer.Errors?.length) throw new Error(`the bucket refused to delete ${answer.Errors.map((failure) => `${failure.Key} (${failure.Code})`).join(', ')}`);
    }
  }
}
