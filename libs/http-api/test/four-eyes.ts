import { INestApplication } from '@nestjs/common';
import request, { Response, Test } from 'supertest';
import { KEYS } from './api-harness';

/**
 * Four eyes in a test: the request (sent by the maker, usually the operator) must be accepted as a
 * proposal (202), and a second identity (the approver, unless told otherwise) approves it, which
 * carries the change out. Answers the approval, which carries the written stream, version and events.
 */
export async function fourEyes(app: INestApplication, proposal: Test, checker: Record<string, string> = { 'X-API-Key': KEYS.approver }): Promise<Response> {
  const proposed = await proposal;
  if (proposed.status !== 202) throw new Error(`expected a proposal (202), got ${proposed.status}: ${JSON.stringify(proposed.body)}`);
  return approveChange(app, proposed.body.changeId, checker);
}

/** The second pair of eyes alone: approves a proposed change as the approver (unless told otherwise). */
export const approveChange = (app: INestApplication, changeId: string, checker: Record<string, string> = { 'X-API-Key': KEYS.approver }): Promise<Response> =>
  request(app.getHttpServer()).post(`/changes/${changeId}/approval`).set(checker).expect(201).then((response) => response);
