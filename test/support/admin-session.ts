import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { UserRole } from '../../src/auth/user.entity';
import { UsersService } from '../../src/auth/users.service';

export const PANEL_PASSWORD = 'correct horse battery staple';

export interface PanelLogIn {
  status: number;
  location?: string;
  /** `wiredesk.sid=…`, ready for a Cookie header, when the log-in set one. */
  cookie?: string;
  setCookie: string[];
  text: string;
}

/** Posts the AdminJS log-in form as a browser does. */
export async function panelLogIn(app: INestApplication, email: string, password: string): Promise<PanelLogIn> {
  const response = await request(app.getHttpServer()).post('/admin/login').type('form').send({ email, password });
  const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const session = setCookie.find((cookie) => cookie.startsWith('wiredesk.sid='));
  return { status: response.status, location: response.headers.location, cookie: session?.split(';')[0], setCookie, text: response.text };
}

/** A user with {@link PANEL_PASSWORD}, logged in; returns the session cookie. */
export async function loggedInAs(app: INestApplication, role: UserRole, email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.com`): Promise<{ email: string; id: number; cookie: string }> {
  const user = await app.get(UsersService).create({ email, password: PANEL_PASSWORD, role });
  const logIn = await panelLogIn(app, email, PANEL_PASSWORD);
  if (!logIn.cookie) throw new Error(`log-in as ${email} failed with ${logIn.status}`);
  return { email, id: user.id, cookie: logIn.cookie };
}
