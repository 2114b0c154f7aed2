import { Injectable } from '@nestjs/common';
import { PartiesService } from '../parties/parties.service';
import type { PartyNames } from './message.views';

/** Party names for labelling OINs, from the registry snapshot the pipeline keeps anyway. */
@Injectable()
export class PartyNamesReader {
  constructor(private readonly parties: PartiesService) {}

  async names(): Promise<PartyNames> {
    const snapshot = await this.parties.registrySnapshot();
    return new Map([...snapshot].map(([oin, { party }]) => [oin, party.name]));
  }
}
