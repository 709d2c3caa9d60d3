/** Field-name normalisation for matching: camelCase, snake_case, Salesforce "__c", punctuation. */

export function tokenize(name: string): string[] {
  return name
    .replace(/__(c|r|pc)$/i, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

/** "E-mail" → "email", "Zip_Code__c" → "zipcode": the form synonyms and exact matches compare. */
export function compact(name: string): string {
  return tokenize(name).join('');
}
