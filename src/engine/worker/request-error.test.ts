import { describe, expect, it } from 'vitest';
import { notFound } from '../api/errors';
import { describeFailure, RequestError } from './request-error';

describe('describeFailure', () => {
  it('reads an API error as kubectl prints it', () => {
    expect(describeFailure(notFound('pods', 'web'))).toBe('Error from server (NotFound): pods "web" not found');
  });

  it('gives a refused request its own message', () => {
    expect(describeFailure(new RequestError('unsupported speed 3'))).toBe('unsupported speed 3');
  });

  it('calls anything else an internal error', () => {
    const spy = console.error;
    console.error = () => {};
    try {
      expect(describeFailure(new TypeError('x is undefined'))).toBe('internal error: x is undefined');
      expect(describeFailure('boom')).toBe('internal error: boom');
    } finally {
      console.error = spy;
    }
  });
});
