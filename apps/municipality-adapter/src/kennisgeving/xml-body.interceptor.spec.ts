import { CallHandler, ExecutionContext, HttpException } from '@nestjs/common';
import { of } from 'rxjs';
import { SubmissionBodyInterceptor } from './xml-body.interceptor';

function contextOf(request: { headers: Record<string, string>; body: unknown }): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}
const next: CallHandler = { handle: () => of('handled') };

async function refusal(request: { headers: Record<string, string>; body: unknown }): Promise<HttpException> {
  try {
    await new SubmissionBodyInterceptor().intercept(contextOf(request), next);
  } catch (error) {
    return error as HttpException;
  }
  throw new Error('the interceptor let the request through');
}

describe('SubmissionBodyInterceptor', () => {
  it('turns the XML form into the object a JSON request would be, before any pipe', async () => {
    const request = {
      headers: { 'content-type': 'application/xml; charset=utf-8' },
      body: `<KennisgevingVerzoek xmlns="urn:nl:schuldenknooppunt:gemeente:1"><caseReference>C-1</caseReference>
        <debtor><address><houseNumber>12</houseNumber></address></debtor>
        <creditors><creditor><oin>00000003123456780000</oin></creditor></creditors></KennisgevingVerzoek>`,
    };
    await new SubmissionBodyInterceptor().intercept(contextOf(request), next);
    expect(request.body).toEqual({
      caseReference: 'C-1',
      debtor: { address: { houseNumber: 12 } },
      creditors: [{ oin: '00000003123456780000' }],
    });
  });

  it('leaves a JSON object as it is', async () => {
    const request = { headers: { 'content-type': 'application/json' }, body: { caseReference: 'C-1' } };
    await new SubmissionBodyInterceptor().intercept(contextOf(request), next);
    expect(request.body).toEqual({ caseReference: 'C-1' });
  });

  it('refuses other media types with 415, bad XML and non-objects with the common 400', async () => {
    expect((await refusal({ headers: { 'content-type': 'text/plain' }, body: 'x' })).getStatus()).toBe(415);
    const badXml = await refusal({ headers: { 'content-type': 'text/xml' }, body: '<KennisgevingVerzoek>' });
    expect(badXml.getResponse()).toMatchObject({
      statusCode: 400,
      violations: [{ field: '', rule: 'xml-syntax' }],
    });
    const list = await refusal({ headers: { 'content-type': 'application/json' }, body: [1, 2] });
    expect(list.getResponse()).toMatchObject({ violations: [{ field: '', rule: 'not-an-object' }] });
  });
});
