import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from './domain-error';
import { toProblem } from './problem-details.filter';

class SampleError extends DomainError<'THING_MISSING'> {
  readonly domain = 'samples';
  constructor() {
    super('THING_MISSING', 'thing 7 does not exist', 404, { thingId: 7 });
  }
}

describe('toProblem', () => {
  it('maps a domain error to its status, code and extensions', () => {
    expect(toProblem(new SampleError())).toEqual({
      type: 'urn:wiredesk:problem:samples:THING_MISSING',
      title: 'Not Found',
      status: 404,
      detail: 'thing 7 does not exist',
      code: 'THING_MISSING',
      thingId: 7,
    });
  });

  it('joins validation messages from an HttpException', () => {
    const problem = toProblem(new BadRequestException(['headline must be a string', 'property foo should not exist']));
    expect(problem.status).toBe(400);
    expect(problem.detail).toBe('headline must be a string; property foo should not exist');
  });

  it('keeps the message of a plain HttpException', () => {
    expect(toProblem(new NotFoundException('no article with slug "x"')).detail).toBe('no article with slug "x"');
  });

  it('passes through client errors raised by body parsing', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });
    expect(toProblem(tooLarge)).toMatchObject({ status: 413, title: 'Payload Too Large' });
  });

  it('hides the details of unexpected errors', () => {
    const problem = toProblem(new Error('connection string postgres://secret@db'));
    expect(problem.status).toBe(500);
    expect(problem.detail).not.toContain('secret');
  });
});
