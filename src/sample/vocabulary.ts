/**
 * Interest clusters: the vocabulary that makes generated posts and comments carry what people
 * care about, so interest detection has something real to find. Each cluster has terms (noun
 * phrases), activities (what someone does), a label for categories, and job titles.
 *
 * @example
 * const food = CLUSTERS.food;
 * `I spent the weekend ${food.activities[0]}`;
 */

export const INTERESTS = [
  "content-marketing",
  "volunteering",
  "food",
  "analytics",
  "photography",
  "cycling",
  "startups",
  "design",
  "sustainability",
  "podcasting",
] as const;

export type Interest = (typeof INTERESTS)[number];

export interface Cluster {
  label: string;
  terms: readonly string[];
  activities: readonly string[];
  titles: readonly string[];
}

// biome-ignore format: word lists read better packed
export const CLUSTERS: Readonly<Record<Interest, Cluster>> = {
  "content-marketing": {
    label: "Content marketing",
    terms: [
      "editorial calendar", "content brief", "pillar page", "newsletter", "brand voice",
      "case study", "search intent", "content audit", "evergreen content", "guest post",
      "headline testing", "call to action", "audience research", "long-form content",
      "content strategy", "repurposing", "storytelling", "lead magnet", "content distribution",
      "SEO",
    ],
    activities: [
      "rebuilding our editorial calendar", "running a content audit", "writing a customer case study",
      "repurposing one webinar into ten posts", "testing headlines on the newsletter",
      "mapping search intent for every pillar page", "interviewing customers for story ideas",
      "pruning a thousand thin blog posts",
    ],
    titles: [
      "Content Strategist", "Head of Content", "Content Marketing Manager", "Copywriter",
      "Managing Editor", "SEO Lead",
    ],
  },
  volunteering: {
    label: "Volunteering",
    terms: [
      "volunteer shifts", "food bank", "mentoring", "board service", "fundraiser",
      "community garden", "charity run", "volunteer onboarding", "nonprofit", "donor newsletter",
      "beach clean-up", "literacy programme", "pro bono work", "youth club", "volunteer retention",
      "impact report", "soup kitchen", "community fridge",
    ],
    activities: [
      "sorting donations at the food bank", "mentoring first-time founders", "organising a charity run",
      "training new volunteers on a Saturday morning", "writing the annual impact report",
      "running the community garden rota", "doing pro bono work for a local shelter",
      "coordinating a beach clean-up",
    ],
    titles: [
      "Volunteer Coordinator", "Community Manager", "Programme Manager", "Nonprofit Director",
      "Partnerships Lead",
    ],
  },
  food: {
    label: "Food",
    terms: [
      "sourdough", "street food", "farmers' market", "fermentation", "supper club", "ramen",
      "tapas", "knife skills", "seasonal menu", "spice blends", "pastéis de nata", "dim sum",
      "natural wine", "the bakery down the road", "kimchi", "slow-cooked ragù", "hot sauce",
      "a tasting menu",
    ],
    activities: [
      "baking sourdough every Sunday", "hosting a supper club", "fermenting kimchi in the garage",
      "touring street food markets", "learning knife skills at a night class",
      "cooking through a whole cookbook", "judging a chilli cook-off", "foraging wild garlic",
    ],
    titles: ["Chef", "Food Writer", "Restaurant Owner", "Food Stylist", "Culinary Producer"],
  },
  analytics: {
    label: "Analytics",
    terms: [
      "attribution", "cohort analysis", "dashboards", "UTM parameters", "conversion rate",
      "A/B testing", "funnel analysis", "event tracking", "retention curves", "SQL",
      "data layer", "marketing mix modelling", "north-star metric", "churn", "segmentation",
      "statistical significance", "spreadsheet models", "incrementality",
    ],
    activities: [
      "rebuilding our attribution model", "cleaning up UTM parameters", "running an A/B test",
      "writing SQL for a cohort analysis", "building a dashboard nobody asked for",
      "auditing event tracking", "measuring incrementality with a holdout group",
      "explaining statistical significance to the board",
    ],
    titles: [
      "Data Analyst", "Marketing Analyst", "Analytics Lead", "Insights Manager", "Data Scientist",
    ],
  },
  photography: {
    label: "Photography",
    terms: [
      "golden hour", "35mm film", "street photography", "prime lenses", "contact sheets",
      "portrait lighting", "darkroom", "photo walks", "composition", "Lightroom presets",
    ],
    activities: [
      "shooting a roll of film a week", "leading a photo walk", "developing film at home",
      "printing a small zine of street photos",
    ],
    titles: ["Photographer", "Photo Editor", "Visual Storyteller"],
  },
  cycling: {
    label: "Cycling",
    terms: [
      "gravel rides", "bike commuting", "cycle lanes", "century rides", "bikepacking",
      "cargo bikes", "club rides", "saddle time", "bike maintenance", "sportives",
    ],
    activities: [
      "commuting by bike through the winter", "bikepacking across the Pennines",
      "running a Saturday club ride", "fixing punctures at the roadside",
    ],
    titles: ["Mobility Planner", "Bike Shop Owner", "Active Travel Officer"],
  },
  startups: {
    label: "Startups",
    terms: [
      "product-market fit", "seed round", "pitch deck", "go-to-market", "founder-led sales",
      "runway", "early adopters", "accelerator", "customer discovery", "pricing page",
    ],
    activities: [
      "pitching to angel investors", "running customer discovery calls",
      "rewriting the pitch deck again", "launching on a shoestring",
    ],
    titles: ["Founder", "Co-founder", "Growth Lead", "Product Manager"],
  },
  design: {
    label: "Design",
    terms: [
      "design systems", "typography", "user research", "wireframes", "accessibility",
      "brand identity", "usability testing", "information architecture", "colour palettes",
      "prototypes",
    ],
    activities: [
      "running usability tests", "rebuilding a design system", "sketching wireframes on paper",
      "auditing a site for accessibility",
    ],
    titles: ["Product Designer", "UX Researcher", "Brand Designer", "Design Lead"],
  },
  sustainability: {
    label: "Sustainability",
    terms: [
      "carbon footprint", "circular economy", "repair cafés", "zero waste", "B Corp",
      "supply chains", "renewable energy", "local sourcing", "upcycling", "climate reporting",
    ],
    activities: [
      "volunteering at a repair café", "measuring our carbon footprint",
      "going zero waste for a month", "auditing our supply chain",
    ],
    titles: ["Sustainability Consultant", "ESG Analyst", "Impact Lead"],
  },
  podcasting: {
    label: "Podcasting",
    terms: [
      "show notes", "guest booking", "audio editing", "podcast launch", "listener surveys",
      "interview prep", "microphones", "episode artwork", "RSS feeds", "live recordings",
    ],
    activities: [
      "recording a podcast in a wardrobe", "editing audio late at night",
      "booking guests for season two", "running a live recording",
    ],
    titles: ["Podcast Producer", "Audio Editor", "Host & Producer"],
  },
};

/** The owner's interests, in order of how much they write about them. */
export const OWNER_INTERESTS: readonly Interest[] = [
  "content-marketing",
  "analytics",
  "food",
  "volunteering",
];

/** The combination that only the two best fits for the job opening share. */
export const OPENING_INTERESTS: readonly Interest[] = ["analytics", "volunteering"];
