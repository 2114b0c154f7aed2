import type { SigningIdentity } from '@skp/crypto';
import type { SubmissionContext } from './submission';
import { MunicipalityEnv, splitList } from '../config/municipality.env';

/** The parts of the configuration every Kennisgeving is built from. */
export function submissionContextFrom(env: MunicipalityEnv, identity: SigningIdentity): SubmissionContext {
  const counsellorDesk: SubmissionContext['counsellorDesk'] = {
    organisation: env.COUNSELLOR_ORGANISATION ?? env.MUNICIPALITY_NAME,
    name: env.COUNSELLOR_NAME,
    email: env.COUNSELLOR_EMAIL,
  };
  if (env.COUNSELLOR_PHONE) {
    counsellorDesk.phone = env.COUNSELLOR_PHONE;
  }
  return {
    sender: identity.oin,
    municipality: { code: env.MUNICIPALITY_CODE, name: env.MUNICIPALITY_NAME },
    counsellorDesk,
    bsnAllowed: new Set(splitList(env.BSN_ALLOWED_CREDITORS)),
  };
}
