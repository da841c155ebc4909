import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import connectPgSimple from 'connect-pg-simple';
import type { RequestHandler } from 'express';
import session, { SessionOptions } from 'express-session';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { EnvironmentVariables } from '../config/environment';
import { UserRole } from './user.entity';
import { resolveSessionSecret } from './session-secret';

export const SESSION_COOKIE_NAME = 'wiredesk.sid';
const SESSION_TABLE = 'sessions';
const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;

const SESSION_COOKIE = /(?:^|;)\s*wiredesk\.sid=/; // SESSION_COOKIE_NAME in a Cookie header
const PANEL_PATH = /^\/admin(?:\/|$)/;

/** Whether a request may need its session: it sends the session cookie, or it is for the panel (which logs in). */
export function mayHaveSession(cookieHeader: string | undefined, path: string): boolean {
  return (cookieHeader !== undefined && SESSION_COOKIE.test(cookieHeader)) || PANEL_PATH.test(path);
}

/** What a signed-in panel session carries (`req.session.adminUser`). */
export interface SessionUser {
  id: number;
  email: string;
  role: UserRole;
}

declare module 'express-session' {
  interface SessionData {
    adminUser?: SessionUser;
  }
}

/**
 * Panel sessions, stored in PostgreSQL (`sessions`) so they survive restarts and are shared by every app
 * instance. The same store, secret and cookie serve AdminJS and the rest of the app (the API's actor guard).
 */
@Injectable()
export class SessionService implements OnApplicationShutdown {
  private store?: connectPgSimple.PGStore;
  private secret?: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  /** Options for `express-session`; AdminJS's router takes the same ones with `secret` and `name` passed separately. */
  async options(): Promise<SessionOptions & { secret: string; name: string }> {
    this.secret ??= await resolveSessionSecret({
      SESSION_SECRET: this.config.get('SESSION_SECRET', { infer: true }),
      DATA_DIR: this.config.get('DATA_DIR', { infer: true }),
    });
    return {
      name: SESSION_COOKIE_NAME,
      secret: this.secret,
      store: this.sessionStore(),
      resave: false,
      saveUninitialized: false,
      // Trust X-Forwarded-Proto for the `secure` decision: production runs behind a TLS-terminating proxy.
      proxy: true,
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.config.get('NODE_ENV', { infer: true }) === 'production',
        maxAge: SESSION_MAX_AGE_MS,
      },
    };
  }

  /**
   * The app-wide session middleware; the secret is resolved on the first request (it may be read from DATA_DIR).
   * It only runs for requests that carry the session cookie or go to the panel: any other request could
   * only ever get an empty, unsaved session, and skipping it keeps public API reads free of session work
   * (the actor guard treats a missing session as anonymous).
   */
  middleware(): RequestHandler {
    let handler: Promise<RequestHandler> | undefined;
    return (request, response, next) => {
      if (!mayHaveSession(request.headers.cookie, request.path)) return next();
      (handler ??= this.options().then((options) => session(options))).then((ready) => ready(request, response, next), next);
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store?.close();
  }

  private sessionStore(): session.Store {
    if (!this.store) {
      const PgStore = connectPgSimple(session);
      // TypeORM's own pool: sessions need no extra connections; the store does not end a pool it did not create.
      const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
      this.store = new PgStore({ pool, tableName: SESSION_TABLE, createTableIfMissing: false });
    }
    return this.store;
  }
}
