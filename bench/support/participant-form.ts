/** A participant's details as the public registration form sends them, under one address. */
export function participantForm(email: string) {
  return {
    email,
    firstName: 'Claire',
    lastName: 'Martin',
    profession: 'infirmier',
    practiceMode: 'liberal',
    postcode: '25000',
    consents: { dataProcessing: true },
  };
}
