/** Deterministic synthetic contacts with planted duplicates (typos, nicknames, re-formatted phones). */
import { mulberry32 } from '../../src/core/prng';

const FIRST = ['oliver', 'jack', 'harry', 'jacob', 'charlie', 'george', 'oscar', 'leo', 'freddie', 'archie', 'isla', 'poppy', 'ella', 'lily', 'ivy', 'rosie', 'florence', 'willow', 'freya', 'sienna', 'aaron', 'adam', 'aiden', 'carlos', 'diego', 'elena', 'fatima', 'hana', 'ibrahim', 'ines', 'jamal', 'kenji', 'lena', 'marco', 'nadia', 'omar', 'priya', 'rafael', 'sofia', 'yusuf', 'james', 'mary', 'robert', 'patricia', 'john', 'jennifer', 'michael', 'linda', 'william', 'elizabeth', 'david', 'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'charles', 'karen', 'olivia', 'liam', 'noah', 'emma', 'ava', 'sophia', 'mia', 'lucas', 'mateo', 'amelia', 'harper', 'evelyn', 'henry', 'alexander', 'daniel', 'grace', 'chloe', 'victoria', 'samuel', 'benjamin'];
const LAST = ['smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'rodriguez', 'martinez', 'hernandez', 'lopez', 'gonzalez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'jackson', 'martin', 'lee', 'perez', 'thompson', 'white', 'harris', 'sanchez', 'clark', 'ramirez', 'lewis', 'robinson', 'walker', 'young', 'allen', 'king', 'wright', 'scott', 'torres', 'nguyen', 'hill', 'flores', 'green', 'adams', 'nelson', 'baker', 'hall', 'rivera', 'campbell', 'mitchell', 'carter', 'roberts'];
/** Surnames from syllables: thousands of distinct names, as in real contact lists. */
const SYL = ['an', 'ber', 'cal', 'dor', 'el', 'fen', 'gar', 'hol', 'in', 'jor', 'kel', 'lan', 'mor', 'nor', 'os', 'per', 'quin', 'ros', 'sel', 'tor', 'ul', 'ven', 'wel', 'yor', 'zan', 'brook', 'ford', 'ley', 'ton', 'wood', 'field', 'man', 'son', 'berg', 'stein', 'ski'];
const CITY = ['springfield', 'riverside', 'franklin', 'greenville', 'bristol', 'clinton', 'fairview', 'salem', 'madison', 'georgetown', 'arlington', 'ashland', 'dover', 'oxford', 'jackson', 'burlington', 'manchester', 'milton', 'newport', 'auburn'];
const NICK: Record<string, string> = { robert: 'Bob', william: 'Bill', elizabeth: 'Liz', james: 'Jim', michael: 'Mike', richard: 'Rick', thomas: 'Tom', joseph: 'Joe', daniel: 'Dan', samuel: 'Sam' };

const prng = mulberry32;

export interface Synthetic {
  records: Array<Record<string, string>>;
  duplicatesPlanted: number;
}

/** `n` records of which about `dupRate`·n are altered copies; copy ids are "<original>~<k>". */
export function syntheticContacts(n: number, dupRate: number, seed: number): Synthetic {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const digits = (len: number): string => Array.from({ length: len }, () => Math.floor(rnd() * 10)).join('');
  const typo = (s: string): string => {
    if (s.length < 3) return s;
    const i = 1 + Math.floor(rnd() * (s.length - 2));
    return rnd() < 0.5 ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  };
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  const records: Array<Record<string, string>> = [];
  const originals = Math.round(n * (1 - dupRate));
  for (let i = 0; i < originals; i += 1) {
    const first = pick(FIRST);
    const last = rnd() < 0.3 ? pick(LAST) : pick(SYL) + pick(SYL) + (rnd() < 0.5 ? pick(SYL) : '');
    const area = 200 + Math.floor(rnd() * 700);
    records.push({
      id: `p${i}`,
      first: cap(first),
      last: cap(last),
      email: rnd() < 0.8 ? `${first}.${last}${Math.floor(rnd() * 1000)}@example${Math.floor(rnd() * 50)}.com` : '',
      phone: rnd() < 0.7 ? `(${area}) ${digits(3)}-${digits(4)}` : '',
      dob: `${1940 + Math.floor(rnd() * 65)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`,
      city: cap(pick(CITY)),
      zip: digits(5),
    });
  }
  let planted = 0;
  while (records.length < n) {
    const src = records[Math.floor(rnd() * originals)];
    const copy: Record<string, string> = { ...src, id: `${src.id}~${planted}` };
    const lower = src.first.toLowerCase();
    const change = rnd();
    if (change < 0.25) copy.last = typo(src.last);
    else if (change < 0.45 && NICK[lower]) copy.first = NICK[lower];
    else if (change < 0.6) copy.first = typo(src.first);
    else if (change < 0.75) copy.email = src.email.toUpperCase();
    if (rnd() < 0.3) copy.phone = src.phone.replace(/\D/g, '');
    if (rnd() < 0.2) copy.city = '';
    if (rnd() < 0.15) copy.email = '';
    records.push(copy);
    planted += 1;
  }
  return { records, duplicatesPlanted: planted };
}
