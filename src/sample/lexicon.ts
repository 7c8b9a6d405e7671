/**
 * Word lists for the sample world: given names and family names grouped by culture, cities,
 * invented companies and mail providers, and helpers that fold accents for addresses and URLs.
 * Every name here is a common given or family name, combined at random; any resemblance to a
 * real person is chance. All domains end in `.example` (RFC 2606), so no address is real.
 *
 * @example
 * const culture = CULTURES[0];
 * `${culture.first[0]} ${culture.last[0]}`; // a full name
 * asciiFold("José Muñoz"); // "Jose Munoz"
 */

export interface Culture {
  id: string;
  first: readonly string[];
  last: readonly string[];
}

// biome-ignore format: word lists read better packed
export const CULTURES: readonly Culture[] = [
  {
    id: "english",
    first: [
      "Oliver", "Amelia", "Harriet", "George", "Eleanor", "Callum", "Imogen", "Rhys", "Bethany",
      "Declan", "Niamh", "Fergus", "Martha", "Toby", "Rosalind", "Eamon", "Gwen", "Alistair",
      "Philippa", "Conor", "Tamsin", "Hugo", "Lydia", "Ewan",
    ],
    last: [
      "Ashworth", "Bramley", "Cartwright", "Doherty", "Fairclough", "Gallagher", "Hargreaves",
      "Kettering", "Lowther", "McAllister", "Ormerod", "Pemberton", "Quigley", "Rowntree",
      "Sheridan", "Thackeray", "Underwood", "Whitlock", "Yardley", "Brennan", "Calloway",
      "Dunmore", "Ellison", "Fenwick",
    ],
  },
  {
    id: "spanish",
    first: [
      "José", "María", "Lucía", "Andrés", "Inés", "Joaquín", "Sofía", "Martín", "Ramón", "Begoña",
      "Álvaro", "Nuria", "Íñigo", "Rocío", "Guillermo", "Paloma", "Sebastián", "Mónica", "Tomás",
      "Ainhoa", "Héctor", "Ximena", "Rubén", "Catalina",
    ],
    last: [
      "Muñoz", "García", "Fernández", "Núñez", "Ibáñez", "Ortega", "Delgado", "Peña", "Castaño",
      "Sáez", "Gutiérrez", "Morales", "Velázquez", "Rincón", "Serrano", "Domínguez", "Aguirre",
      "Cabrera", "Galván", "Quintero", "Salinas", "Vidal", "Zúñiga", "Herrero",
    ],
  },
  {
    id: "portuguese",
    first: [
      "João", "Inês", "Gonçalo", "Mariana", "Tiago", "Beatriz", "Rui", "Leonor", "Duarte",
      "Conceição", "Vítor", "Joana", "Afonso", "Carolina", "Sérgio", "Matilde", "Luís", "Thaís",
      "Caio", "Letícia", "Rodrigo", "Flávia", "Renato", "Luana",
    ],
    last: [
      "Gonçalves", "Magalhães", "Simões", "Araújo", "Conceição", "Brandão", "Falcão", "Assunção",
      "Lourenço", "Nogueira", "Teixeira", "Cardoso", "Moreira", "Sequeira", "Tavares", "Fontes",
      "Quaresma", "Rebelo", "Valente", "Pinheiro", "Medeiros", "Cordeiro", "Bastos", "Amaral",
    ],
  },
  {
    id: "french",
    first: [
      "Chloé", "Étienne", "Amélie", "Jérôme", "Hélène", "Benoît", "Clémence", "Loïc", "Noémie",
      "Gaëlle", "Théo", "Solène", "Mathis", "Éloïse", "Rémi", "Juliette", "Anaïs", "Baptiste",
      "Océane", "Grégoire", "Maëlys", "Cédric", "Inès", "Aurélien",
    ],
    last: [
      "Lefèvre", "Mercier", "Rousseau", "Girard", "Chevalier", "Bérenger", "Fauré", "Lemaître",
      "Dufresne", "Marchand", "Caron", "Delacroix", "Rivière", "Boucher", "Perrault", "Vasseur",
      "Lacombe", "Thibault", "Beaumont", "Moreau", "Gauthier", "Deschamps", "Lavoie", "Brûlé",
    ],
  },
  {
    id: "nordic-german",
    first: [
      "Björn", "Søren", "Åsa", "Henrik", "Ingrid", "Jürgen", "Lena", "Magnus", "Sigrid", "Tobias",
      "Annika", "Leif", "Greta", "Mats", "Freja", "Lukas", "Jörg", "Elin", "Kai", "Solveig",
      "Anders", "Maja", "Felix", "Liv",
    ],
    last: [
      "Müller", "Lindqvist", "Sørensen", "Åberg", "Schäfer", "Björklund", "Hoffmann", "Nyström",
      "Krüger", "Halvorsen", "Engström", "Vogel", "Dahl", "Brandt", "Ødegaard", "Lindgren",
      "Becker", "Holm", "Strand", "Weiß", "Falk", "Sundberg", "Keller", "Aalto",
    ],
  },
  {
    id: "central-european",
    first: [
      "Katarzyna", "Łukasz", "Zofia", "Tomáš", "Petra", "Jakub", "Agnieszka", "Ondřej", "Marta",
      "Wojciech", "Zuzana", "Michał", "Barbora", "Paweł", "Ivana", "Radek", "Małgorzata", "Vojtěch",
      "Dorota", "Miroslav", "Eszter", "Bence", "Réka", "Gergő",
    ],
    last: [
      "Kowalczyk", "Dvořák", "Wiśniewska", "Nowak", "Procházka", "Zielińska", "Horváth", "Novotný",
      "Wróbel", "Kučera", "Lewandowska", "Szabó", "Černá", "Kamińska", "Nagy", "Pokorný",
      "Jabłońska", "Tóth", "Svoboda", "Grabowski", "Kovács", "Sýkora", "Mazur", "Varga",
    ],
  },
  {
    id: "west-african",
    first: [
      "Chidi", "Ngozi", "Oluwaseun", "Adaeze", "Kwame", "Abena", "Tunde", "Funmilayo", "Emeka",
      "Yewande", "Kofi", "Amara", "Babajide", "Chiamaka", "Yaw", "Efua", "Obinna", "Folake",
      "Kelechi", "Adwoa", "Segun", "Ifeoma", "Kojo", "Ronke",
    ],
    last: [
      "Okafor", "Adeyemi", "Mensah", "Nwosu", "Boateng", "Okonkwo", "Adebayo", "Asante", "Eze",
      "Owusu", "Balogun", "Nnamdi", "Ogunleye", "Appiah", "Chukwu", "Oyelaran", "Darko", "Ibekwe",
      "Afolabi", "Agyeman", "Onyekachi", "Bankole", "Ansah", "Obi",
    ],
  },
  {
    id: "south-asian",
    first: [
      "Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Meera", "Siddharth", "Divya",
      "Rahul", "Nandini", "Aditya", "Ishita", "Karthik", "Sneha", "Farhan", "Lakshmi", "Nikhil",
      "Aisha", "Pranav", "Tanvi", "Imran", "Shreya", "Varun",
    ],
    last: [
      "Raghunathan", "Iyer", "Chatterjee", "Deshpande", "Kulkarni", "Menon", "Bhattacharya",
      "Subramanian", "Malhotra", "Naidu", "Pillai", "Banerjee", "Joshi", "Khanna", "Reddy",
      "Siddiqui", "Venkatesan", "Ahluwalia", "Gupta", "Rao", "Qureshi", "Mehta", "Nair", "Sethi",
    ],
  },
  {
    id: "east-asian",
    first: [
      "Wei", "Mei", "Hiroshi", "Yuki", "Min-jun", "Seo-yeon", "Jia", "Haruto", "Sakura", "Jun",
      "Ji-woo", "Xiu", "Kenji", "Aiko", "Hyun-woo", "Lian", "Daichi", "Hana", "Tae-yang", "Yan",
      "Ren", "Mio", "Dong-hyun", "Ling",
    ],
    last: [
      "Zhang", "Nakamura", "Park", "Chen", "Takahashi", "Kim", "Liu", "Yamamoto", "Choi", "Huang",
      "Watanabe", "Jeong", "Zhou", "Kobayashi", "Kang", "Lin", "Fujimoto", "Yoon", "Xu", "Ishikawa",
      "Han", "Tang", "Morimoto", "Seo",
    ],
  },
  {
    id: "vietnamese",
    first: [
      "Minh", "Lan", "Huy", "Thảo", "Quang", "Ngọc", "Tuấn", "Hương", "Đức", "Phương", "Khánh",
      "Linh", "Bảo", "Trang", "Hiếu", "Mai", "Long", "Nhung", "Việt", "Yến",
    ],
    last: [
      "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Huỳnh", "Ngô",
      "Dương", "Lý", "Vũ", "Trương", "Phan",
    ],
  },
  {
    id: "turkish-arabic",
    first: [
      "Elif", "Emre", "Zeynep", "Burak", "Şeyma", "Kerem", "Ayşe", "Mert", "Yasmin", "Omar",
      "Leila", "Karim", "Nadia", "Tariq", "Rania", "Selim", "Gülşen", "Hakan", "Dilara", "Youssef",
    ],
    last: [
      "Yılmaz", "Demir", "Çelik", "Şahin", "Aydın", "Öztürk", "Kaya", "Arslan", "Haddad", "Mansour",
      "Khalil", "Nasser", "Saleh", "Farouk", "Güneş", "Koç", "Özdemir", "Bakir", "Rahimi", "Aziz",
    ],
  },
  {
    id: "italian-greek",
    first: [
      "Giulia", "Matteo", "Chiara", "Lorenzo", "Francesca", "Niccolò", "Alessia", "Davide", "Eleni",
      "Nikos", "Dimitra", "Giorgos", "Sofia", "Andrea", "Federica", "Stavros", "Ilaria", "Marco",
      "Katerina", "Pietro",
    ],
    last: [
      "Bianchi", "Esposito", "Ferrara", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
      "Conti", "Papadopoulos", "Georgiou", "Nikolaidis", "Vlachos", "Mancini", "Lombardi",
      "Costa", "Fontana", "Karras", "Dimitriou",
    ],
  },
];

/** Short forms people use as a nickname, keyed by the given name. */
// biome-ignore format: word lists read better packed
export const DIMINUTIVES: Readonly<Record<string, string>> = {
  Oliver: "Ollie", Amelia: "Millie", Harriet: "Hattie", Eleanor: "Nell", Philippa: "Pippa",
  Alistair: "Ali", Rosalind: "Roz", Bethany: "Beth", Toby: "Tobes", Imogen: "Immy",
  José: "Pepe", Guillermo: "Memo", Sebastián: "Seba", Catalina: "Cata", Joaquín: "Quino",
  Mariana: "Mari", Gonçalo: "Gonça", Carolina: "Carol", Conceição: "São", Leonor: "Leo",
  Juliette: "Jules", Aurélien: "Aurel", Clémence: "Clem", Grégoire: "Greg", Baptiste: "Bap",
  Katarzyna: "Kasia", Małgorzata: "Gosia", Wojciech: "Wojtek", Agnieszka: "Aga", Zuzana: "Zuzka",
  Oluwaseun: "Seun", Babajide: "Jide", Funmilayo: "Funmi", Chiamaka: "Ama", Yewande: "Wande",
  Siddharth: "Sid", Aditya: "Adi", Nandini: "Nandu", Vikram: "Vik", Karthik: "Karthi",
  Hiroshi: "Hiro", Sakura: "Saku", Lorenzo: "Enzo", Francesca: "Fra", Dimitra: "Mitsa",
  Giorgos: "Yorgos", Katerina: "Kat", Magnus: "Mags", Annika: "Anni", Tobias: "Tobi",
};

export const HOME_CITY = "Manchester";
export const DESTINATION_CITY = "Lisbon";

/** Where people live apart from the owner's home and destination cities. */
// biome-ignore format: word lists read better packed
export const OTHER_CITIES: readonly string[] = [
  "London", "Leeds", "Liverpool", "Sheffield", "Bristol", "Glasgow", "Edinburgh", "Dublin",
  "Cork", "Amsterdam", "Rotterdam", "Berlin", "Hamburg", "Munich", "Copenhagen", "Stockholm",
  "Oslo", "Paris", "Lyon", "Brussels", "Barcelona", "Madrid", "Valencia", "Porto", "Milan",
  "Athens", "Warsaw", "Prague", "Budapest", "Istanbul", "Lagos", "Accra", "Nairobi", "Bengaluru",
  "Mumbai", "Singapore", "Ho Chi Minh City", "Seoul", "Tokyo", "Toronto", "Montréal", "New York",
  "Chicago", "Austin", "São Paulo", "Mexico City", "Melbourne",
];

/** Invented organisations; the owner's circle works at these. */
// biome-ignore format: word lists read better packed
export const COMPANIES: readonly string[] = [
  "Brightlane Studio", "Copperleaf Analytics", "Harbor & Pine", "Tallgrass Foods", "Kestrel Labs",
  "Bluehour Agency", "Fernway Partners", "Lumen & Vale", "Saltmarsh Kitchen Co.", "Quillfeather",
  "Ridgeline Data", "Common Table Trust", "Marigold Media", "Northpaw Software", "Orchard Street",
  "Pebblecreek Consulting", "Riverglass", "Sundial Health", "Tinderbox Creative", "Upland Cycles",
  "Velvet Fig Bakery", "Wildcress Collective", "Yellowbrick Growth", "Zephyr Podcasts",
  "Amberline Insights", "Beacon Volunteers Network", "Cinder & Salt", "Driftwood Design",
  "Emberlight Events", "Foxglove Foundation", "Granary Row", "Hollowtree Ventures",
  "Ironbark Metrics", "Juniper Lane", "Kindred Works", "Larkspur Publishing", "Moonrake Digital",
  "Nettlebed Farms", "Oxbow Research", "Pinecone Labs", "Redwing Communications",
  "Silverbirch Charity", "Thistle & Thyme", "Vantage Arc Media",
];

/** Free-mail providers for personal addresses. */
export const MAIL_PROVIDERS: readonly string[] = [
  "mail.example",
  "inbox.example",
  "postbox.example",
  "fastpost.example",
  "webmail.example",
  "letterbox.example",
];

const FOLD: Readonly<Record<string, string>> = {
  ø: "o",
  Ø: "O",
  ł: "l",
  Ł: "L",
  ß: "ss",
  æ: "ae",
  Æ: "AE",
  đ: "d",
  Đ: "D",
  ı: "i",
  œ: "oe",
};

/** Strips accents and folds letters without a decomposition (ø, ł, ß, đ …) to plain ASCII. */
export function asciiFold(text: string): string {
  let folded = foldCache.get(text);
  if (folded === undefined) {
    folded = text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/[øØłŁßæÆđĐıœ]/g, (ch) => FOLD[ch] ?? ch);
    if (foldCache.size < 50_000) foldCache.set(text, folded);
  }
  return folded;
}

const foldCache = new Map<string, string>();

/** Lower-case ASCII letters and digits only: for addresses, handles and host names. */
export function slugPart(text: string): string {
  return asciiFold(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

/** Lower-case words joined by hyphens: for host names and post slugs. */
export function kebab(text: string): string {
  return asciiFold(text)
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function companyDomain(company: string): string {
  return `${kebab(company.replace(/\bCo\.$/, ""))}.example`;
}
