/** The people in a message (DESIGN §3): a debtor with their address, a partner, a resident. */

export interface Address {
  street: string;
  houseNumber: number;
  houseLetter?: string;
  houseNumberAddition?: string;
  postcode: string;
  city: string;
}

export interface Person {
  bsn?: string;
  initials?: string;
  givenNames: string;
  surnamePrefix?: string;
  surname: string;
  birthDate: string;
}

export interface Debtor extends Person {
  address: Address;
}
