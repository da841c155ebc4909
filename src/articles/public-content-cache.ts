import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { Client } from 'pg';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { serialise } from '../common/http-cache';

/** Sent on every commit that writes articles, bylines, captions, photos or authors (see the migration AddPublicContentNotify). */
export const PUBLIC_CONTENT_CHANNEL = 'wiredesk_public_content';

const MAX_ENTRIES = 5_000;
const MAX_CACHED_CHARACTERS = 32 * 1024 * 1024;
const RECONNECT_DELAYS_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

type ListenerState = 'idle' | 'connecting' | 'listening' | 'closed';

/**
 * What anonymous readers get from the content API, kept in memory until the next committed write to
 * public content. A breaking story read by thousands at once costs one query, and readers still see a
 * publish, an edit or an unpublish as soon as it commits: every instance LISTENs for the database's
 * notification and drops everything it holds. Without a live LISTEN connection nothing is cached, so a
 * missed notification can never serve stale or withdrawn copy.
 *
 * The notification of this instance's own write can arrive after the write's reply has gone out, so a
 * read that follows a local commit first catches up (see `catchUp`): whoever publishes through this
 * instance, in the panel or the API, then reads what they published.
 */
@Injectable()
export class PublicContentCache implements OnApplicationShutdown, EntitySubscriberInterface {
  private readonly logger = new Logger(PublicContentCache.name);
  private readonly entries = new LRUCache<string, object>({
    max: MAX_ENTRIES,
    maxSize: MAX_CACHED_CHARACTERS,
    // Values are frozen before they are stored, so this JSON is the one their responses send.
    sizeCalculation: (value) => Math.max(1, serialise(value).json.length),
  });
  /** Loads under way, so simultaneous misses on one key share one query. */
  private readonly loading = new Map<string, Promise<object>>();
  /** Bumped on every invalidation; a load that started before one must not be stored after it. */
  private generation = 0;
  private state: ListenerState = 'idle';
  private listener?: Client;
  private reconnectAttempt = 0;
  private reconnectTimer?: NodeJS.Timeout;
  /** Transactions committed through this instance's TypeORM connection, and how many of them have been caught up with. */
  private localCommits = 0;
  private caughtUpThrough = 0;
  private catchingUp?: Promise<void>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit(): void {
    this.localCommits += 1;
  }

  /** The cached value for `key`, or the result of `load`, which is kept if nothing changed meanwhile. */
  async read<T extends object>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.state !== 'listening') {
      if (this.state === 'idle') void this.listen();
      return load();
    }
    if (this.caughtUpThrough < this.localCommits) await this.catchUp();
    const cached = this.entries.get(key) ?? this.loading.get(key);
    if (cached) return cached as Promise<T> | T;
    const generation = this.generation;
    const pending = load().then((value) => {
      if (generation === this.generation && this.state === 'listening') this.entries.set(key, deepFreeze(value));
      return value;
    });
    this.loading.set(key, pending);
    const forget = () => {
      if (this.loading.get(key) === pending) this.loading.delete(key);
    };
    pending.then(forget, forget);
    return pending;
  }

  /** Whether answers are being cached: only while the LISTEN connection is up. */
  get listening(): boolean {
    return this.state === 'listening';
  }

  /**
   * Applies the notifications of every transaction this instance has committed so far. PostgreSQL hands a
   * listening session its pending notifications before it answers the session's next query, so one round
   * trip on the LISTEN connection, started after those commits, is enough; concurrent readers share it.
   */
  private async catchUp(): Promise<void> {
    while (this.caughtUpThrough < this.localCommits && this.state === 'listening' && this.listener) {
      const through = this.localCommits;
      this.catchingUp ??= this.listener
        .query('SELECT 1')
        .then(
          () => {
            this.caughtUpThrough = Math.max(this.caughtUpThrough, through);
          },
          () => undefined,
        )
        .finally(() => (this.catchingUp = undefined));
      await this.catchingUp;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.state = 'closed';
    clearTimeout(this.reconnectTimer);
    this.invalidate();
    await this.listener?.end().catch(() => undefined);
  }

  private invalidate(): void {
    this.generation += 1;
    this.entries.clear();
    this.loading.clear();
  }

  private async listen(): Promise<void> {
    this.state = 'connecting';
    const options = this.dataSource.options as PostgresConnectionOptions;
    const client = new Client({ connectionString: options.url, application_name: 'wiredesk-cache-listener' });
    this.listener = client;
    client.on('notification', () => this.invalidate());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${PUBLIC_CONTENT_CHANNEL}`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.state !== 'connecting' || this.listener !== client) return;
    // Anything loaded before the LISTEN took effect may predate a write this instance was never told about.
    this.invalidate();
    this.state = 'listening';
    this.reconnectAttempt = 0;
  }

  private lost(client: Client, error?: unknown): void {
    if (this.listener !== client || this.state === 'closed') return;
    this.listener = undefined;
    this.invalidate();
    this.state = 'connecting';
    void client.end().catch(() => undefined);
    const delay = RECONNECT_DELAYS_MS[Math.min(this.reconnectAttempt++, RECONNECT_DELAYS_MS.length - 1)];
    this.logger.warn(`public content cache off until its LISTEN connection is back (retry in ${delay} ms): ${error instanceof Error ? error.message : 'connection ended'}`);
    this.reconnectTimer = setTimeout(() => void this.listen(), delay);
    this.reconnectTimer.unref();
  }
}

/** Cached views are shared by every later reader; freezing them turns an accidental mutation into an error. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
