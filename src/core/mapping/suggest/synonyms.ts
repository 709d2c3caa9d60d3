/**
 * Words CRM users use for the same field. Each group lists compact forms (see tokens.ts);
 * two names are synonyms when one group holds both. Groups may overlap ("lastname").
 */
const GROUPS: string[][] = [
  ['company', 'companyname', 'account', 'accountname', 'organization', 'organisation', 'organizationname', 'firma', 'customer'],
  ['mobile', 'mobilephone', 'cell', 'cellphone', 'mobilenumber', 'handy'],
  ['phone', 'telephone', 'phonenumber', 'tel', 'businessphone', 'workphone', 'officephone'],
  ['email', 'emailaddress', 'mail', 'workemail', 'businessemail'],
  ['zip', 'zipcode', 'postalcode', 'postcode', 'plz', 'mailingpostalcode', 'billingpostalcode'],
  ['owner', 'ownerid', 'assignee', 'assignedto', 'salesrep', 'accountowner', 'leadowner', 'contactowner', 'dealowner', 'person', 'people'],
  ['dealvalue', 'amount', 'value', 'dealamount', 'dealsize', 'opportunityamount', 'price', 'revenue'],
  ['closedate', 'expectedclosedate', 'closingdate', 'duedate'],
  ['status', 'leadstatus', 'stage', 'stagename', 'dealstage'],
  ['name', 'fullname', 'lastname', 'contactname', 'personname', 'leadname'],
  ['firstname', 'givenname', 'forename', 'vorname'],
  ['lastname', 'surname', 'familyname', 'nachname'],
  ['salesforceid', 'sfid', 'salesforcerecordid', 'recordid', 'id', 'crmid'],
  ['website', 'url', 'web', 'homepage', 'site'],
  ['title', 'jobtitle', 'position', 'role'],
  ['street', 'streetaddress', 'address', 'mailingstreet', 'billingstreet'],
  ['city', 'town', 'mailingcity', 'billingcity'],
  ['country', 'mailingcountry', 'billingcountry'],
  ['description', 'notes', 'note', 'comments', 'comment', 'details'],
  ['industry', 'sector', 'vertical'],
  ['annualrevenue', 'revenue', 'yearlyrevenue'],
  ['employees', 'numberofemployees', 'headcount', 'companysize'],
  ['source', 'leadsource', 'channel', 'origin'],
];

const INDEX = new Map<string, Set<number>>();
GROUPS.forEach((group, i) => {
  for (const word of group) {
    const set = INDEX.get(word) ?? new Set<number>();
    set.add(i);
    INDEX.set(word, set);
  }
});

export function areSynonyms(a: string, b: string): boolean {
  const ga = INDEX.get(a);
  const gb = INDEX.get(b);
  if (!ga || !gb) return false;
  for (const g of ga) if (gb.has(g)) return true;
  return false;
}
