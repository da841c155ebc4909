import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { MediaObject } from './media-object.entity';

/**
 * Where image bytes live. PostgreSQL by default (one table, in the same transactions as the rows that
 * point at the bytes); with MEDIA_STORAGE=s3, an S3-compatible bucket (S3MediaStorage).
 */
export interface MediaStorage {
  put(manager: EntityManager, key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
  remove(manager: EntityManager, keys: readonly string[]): Promise<void>;
}

export const MEDIA_STORAGE = Symbol('MediaStorage');

@Injectable()
export class PostgresMediaStorage implements MediaStorage {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async put(manager: EntityManager, key: string, bytes: Buffer): Promise<void> {
    await manager.upsert(MediaObject, { key, bytes }, ['key']);
  }

  async get(key: string): Promise<Buffer | undefined> {
    const found = await this.dataSource.getRepository(MediaObject).findOne({ where: { key }, select: { bytes: true } });
    return found?.bytes;
  }

  async remove(manager: EntityManager, keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await manager.delete(MediaObject, { key: In([...keys]) });
  }
}
