/**
 * Common English given-name short forms, written for irl: each short form (or variant
 * spelling) maps to the formal names it usually stands for. Used by `names.ts` to decide
 * that "Bob Smith" and "Robert Smith" may be one person. Kept deliberately to well-known
 * pairs; ambiguous short forms list every formal name they commonly stand for.
 *
 * @example
 * formalNames("bob")   // ["robert"]
 * formalNames("alex")  // ["alexander", "alexandra", "alexis"]
 */

const TABLE: Record<string, string> = {
  abby: "abigail",
  abe: "abraham",
  al: "albert alan alfred alexander",
  alex: "alexander alexandra alexis",
  alf: "alfred",
  andy: "andrew",
  angie: "angela",
  annie: "ann anne anna",
  archie: "archibald",
  art: "arthur",
  barb: "barbara",
  barney: "barnaby bernard",
  becky: "rebecca",
  bella: "isabella isabel arabella",
  ben: "benjamin benedict",
  benny: "benjamin",
  bernie: "bernard bernadette",
  bert: "albert herbert robert",
  beth: "elizabeth bethany",
  betty: "elizabeth",
  bill: "william",
  billy: "william",
  bob: "robert",
  bobby: "robert",
  brad: "bradley",
  cal: "calvin callum",
  cathy: "catherine cathleen",
  kathy: "katherine kathleen",
  charlie: "charles charlotte",
  chas: "charles",
  chuck: "charles",
  chris: "christopher christine christina christian",
  chrissy: "christine christina",
  cindy: "cynthia lucinda",
  cliff: "clifford",
  connie: "constance",
  dan: "daniel",
  danny: "daniel",
  dave: "david",
  davy: "david",
  deb: "deborah debra",
  debbie: "deborah debra",
  dick: "richard",
  don: "donald",
  donny: "donald",
  dot: "dorothy",
  dottie: "dorothy",
  doug: "douglas",
  drew: "andrew",
  ed: "edward edmund edwin",
  eddie: "edward edmund edwin",
  ted: "edward theodore",
  teddy: "edward theodore",
  ellie: "eleanor elizabeth ellen",
  emmy: "emily emma",
  fran: "frances francis",
  frank: "francis franklin",
  fred: "frederick alfred",
  freddie: "frederick alfred",
  freddy: "frederick alfred",
  gabe: "gabriel",
  gabby: "gabrielle gabriella",
  gene: "eugene",
  geoff: "geoffrey",
  jeff: "jeffrey geoffrey",
  gerry: "gerald gerard",
  jerry: "gerald jerome jeremiah",
  greg: "gregory",
  hal: "henry harold",
  hank: "henry",
  harry: "henry harold harrison",
  hattie: "harriet",
  herb: "herbert",
  ike: "isaac",
  izzy: "isabel isabella isidore",
  jack: "john jackson",
  jackie: "jacqueline jack",
  jake: "jacob",
  jamie: "james jamison",
  jim: "james",
  jimmy: "james",
  jan: "janet janice",
  jen: "jennifer",
  jenny: "jennifer",
  jess: "jessica",
  jessie: "jessica",
  jo: "joanna joanne josephine",
  joe: "joseph",
  joey: "joseph",
  johnny: "john",
  jon: "jonathan john",
  josh: "joshua",
  judy: "judith",
  kate: "katherine catherine kathleen",
  katie: "katherine catherine",
  kit: "christopher katherine",
  ken: "kenneth",
  kenny: "kenneth",
  kim: "kimberly",
  larry: "lawrence laurence",
  len: "leonard",
  lenny: "leonard",
  leo: "leonard leonardo",
  les: "leslie lester",
  lily: "lillian",
  liz: "elizabeth",
  lizzie: "elizabeth",
  libby: "elizabeth",
  eliza: "elizabeth",
  lou: "louis louise",
  lucy: "lucille lucinda",
  maddie: "madeline madison",
  mandy: "amanda",
  manny: "emmanuel manuel",
  marge: "margaret marjorie",
  maggie: "margaret",
  meg: "margaret megan",
  peggy: "margaret",
  matt: "matthew",
  max: "maximilian maxwell",
  mel: "melanie melissa melvin",
  mick: "michael",
  mickey: "michael",
  mike: "michael",
  mikey: "michael",
  mitch: "mitchell",
  molly: "mary",
  polly: "mary",
  nan: "nancy ann",
  nat: "nathan nathaniel natalie",
  nate: "nathan nathaniel",
  ned: "edward edmund",
  nell: "eleanor helen",
  nellie: "eleanor helen",
  nick: "nicholas",
  nicky: "nicholas nicole",
  nikki: "nicole",
  ollie: "oliver olivia",
  pam: "pamela",
  pat: "patrick patricia",
  patty: "patricia",
  pete: "peter",
  phil: "philip phillip",
  ray: "raymond",
  reg: "reginald",
  rich: "richard",
  rick: "richard eric",
  ricky: "richard",
  rob: "robert",
  robbie: "robert",
  rod: "rodney roderick",
  ron: "ronald",
  ronnie: "ronald veronica",
  rosie: "rose rosemary",
  russ: "russell",
  sal: "sally salvatore",
  sam: "samuel samantha",
  sammy: "samuel samantha",
  sandy: "sandra alexander",
  steve: "stephen steven",
  stevie: "stephen steven",
  sue: "susan suzanne",
  susie: "susan suzanne",
  suzy: "susan suzanne",
  terry: "terence theresa",
  tess: "theresa",
  theo: "theodore",
  tim: "timothy",
  timmy: "timothy",
  tom: "thomas",
  tommy: "thomas",
  toby: "tobias",
  tony: "anthony antonio",
  trish: "patricia",
  val: "valerie valentine",
  vicky: "victoria",
  vince: "vincent",
  walt: "walter",
  wally: "walter wallace",
  will: "william",
  willy: "william",
  zach: "zachary",
  zack: "zachary",
};

const SHORT = new Map<string, readonly string[]>();
for (const [short, formal] of Object.entries(TABLE)) SHORT.set(short, formal.split(" "));

const LONG = new Map<string, string[]>();
for (const [short, formal] of SHORT) {
  for (const f of formal) LONG.set(f, [...(LONG.get(f) ?? []), short]);
}

/** Short forms of a formal name ("robert" → ["bert", "bob", "bobby", …]), or an empty list. */
export function shortForms(formal: string): readonly string[] {
  return LONG.get(formal) ?? [];
}

/** Number of short forms in the table. */
export const NICKNAME_COUNT = SHORT.size;

/** Formal names a short form stands for, or an empty list. */
export function formalNames(short: string): readonly string[] {
  return SHORT.get(short) ?? [];
}

/**
 * The forms a given name can be compared by: itself, and the formal names it abbreviates.
 * Two given names are nicknames of each other when their forms intersect.
 */
export function givenForms(name: string): readonly string[] {
  const formal = SHORT.get(name);
  return formal ? [name, ...formal] : [name];
}

/** True when one name is a known short form of the other, or both shorten the same name. */
export function isNickname(a: string, b: string): boolean {
  if (a === b) return false;
  // The forms of a are a and SHORT(a), of b are b and SHORT(b); a ≠ b, so they meet when one
  // is in the other's formal names or the formal names share one (no list is built).
  const fa = SHORT.get(a);
  const fb = SHORT.get(b);
  if (fa?.includes(b) || fb?.includes(a)) return true;
  if (fa && fb) for (const x of fa) if (fb.includes(x)) return true;
  return false;
}
